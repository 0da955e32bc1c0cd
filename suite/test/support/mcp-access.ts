import {
  discoverAuthorizationServerMetadata,
  discoverOAuthProtectedResourceMetadata,
  exchangeAuthorization,
  extractWWWAuthenticateParams,
  registerClient,
  startAuthorization,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AuthorizationServerMetadata } from '@modelcontextprotocol/sdk/shared/auth.js';
import { StaffBrowser } from '@suite/hub-auth/testing';

/** An assistant on the developer's machine: its loopback redirect needs no listener, the test stops there. */
const REDIRECT_URI = 'http://127.0.0.1:53682/callback';

export interface McpDiscovery {
  readonly resource: string;
  readonly issuer: string;
  readonly hub: AuthorizationServerMetadata;
  /** The unauthenticated answer that started discovery. */
  readonly challenge: Response;
}

/**
 * What an MCP client does first, with the SDK's own discovery: call /mcp, follow the 401's
 * `resource_metadata` (RFC 9728) to Hub, read Hub's metadata (RFC 8414 / OpenID discovery).
 */
export async function discover(suiteUrl: string): Promise<McpDiscovery> {
  const challenge = await fetch(`${suiteUrl}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  const { resourceMetadataUrl } = extractWWWAuthenticateParams(challenge);
  const metadata = await discoverOAuthProtectedResourceMetadata(`${suiteUrl}/mcp`, { resourceMetadataUrl });
  const [issuer = ''] = metadata.authorization_servers ?? [];
  const hub = await discoverAuthorizationServerMetadata(issuer);
  if (!hub) throw new Error(`Hub at ${issuer} publishes no metadata`);
  return { resource: metadata.resource, issuer, hub, challenge };
}

/**
 * A Hub access token for `resource` as an assistant gets one: it registers itself (RFC 7591), sends the
 * user to Hub (authorization code + PKCE + RFC 8707 resource), the user signs in, it exchanges the code.
 */
export async function hubAccessToken(
  suiteUrl: string,
  discovery: McpDiscovery,
  email: string,
  resource = discovery.resource,
): Promise<string> {
  const { issuer, hub } = discovery;
  const clientMetadata = {
    client_name: 'test assistant',
    redirect_uris: [REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
  };
  const client = await registerClient(issuer, { metadata: hub, clientMetadata });
  const { authorizationUrl, codeVerifier } = await startAuthorization(issuer, {
    metadata: hub,
    clientInformation: client,
    redirectUrl: REDIRECT_URI,
    scope: 'openid mcp',
    state: 'test-state',
    resource: new URL(resource),
  });
  const callback = await new StaffBrowser(suiteUrl).authorizeAtHub(authorizationUrl, email, REDIRECT_URI);
  const tokens = await exchangeAuthorization(issuer, {
    metadata: hub,
    clientInformation: client,
    authorizationCode: callback.searchParams.get('code') ?? '',
    codeVerifier,
    redirectUri: REDIRECT_URI,
    resource: new URL(resource),
  });
  return tokens.access_token;
}

/** The SDK's client over Streamable HTTP with the given credentials (a Hub token or an integration key). */
export async function mcpClient(suiteUrl: string, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'suite-test-assistant', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${suiteUrl}/mcp`), { requestInit: { headers } }),
  );
  return client;
}
