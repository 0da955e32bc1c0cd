import {
  ConfidentialClientApplication,
  type ICachePlugin,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import type { ProviderCache } from '../provider-definition';
import type { M365Credential, M365Settings } from './microsoft365.settings';
import { LOGIN_HOST } from './microsoft365.settings';

const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** The public cloud's discovery answers, given up front: msal makes no discovery calls. */
function metadata(tenantId: string) {
  const base = `${LOGIN_HOST}/${tenantId}`;
  return {
    authorityMetadata: JSON.stringify({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
      jwks_uri: `${LOGIN_HOST}/${tenantId}/discovery/v2.0/keys`,
    }),
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${base}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        {
          preferred_network: 'login.microsoftonline.com',
          preferred_cache: 'login.windows.net',
          aliases: [
            'login.microsoftonline.com',
            'login.windows.net',
            'login.microsoft.com',
            'sts.windows.net',
          ],
        },
      ],
    }),
  };
}

/** msal's HTTP through fetch, with the login host swapped for `loginBaseUrl` (national clouds, stand-ins). */
function networkClient(loginBaseUrl: string): INetworkModule {
  const send = async <T>(
    url: string,
    method: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const target = url.startsWith(LOGIN_HOST)
      ? `${loginBaseUrl.replace(/\/$/, '')}${url.slice(LOGIN_HOST.length)}`
      : url;
    const response = await fetch(target, {
      method,
      headers: options?.headers ?? {},
      ...(options?.body !== undefined && { body: options.body }),
      signal: AbortSignal.timeout(15_000),
    });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: (await response.json()) as T,
    };
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}

/** Keeps msal's token cache in the vault-sealed row between calls and processes. */
function cachePlugin(cache: ProviderCache): ICachePlugin {
  return {
    async beforeCacheAccess(context) {
      const text = await cache.load();
      if (text) context.tokenCache.deserialize(text);
    },
    async afterCacheAccess(context) {
      if (context.cacheHasChanged) await cache.save(context.tokenCache.serialize());
    },
  };
}

/** An app-only (client credentials) token source for Graph: msal acquires, caches and renews. */
export function graphTokenSource(
  credential: M365Credential,
  settings: M365Settings,
  cache: ProviderCache,
): () => Promise<string> {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: `${LOGIN_HOST}/${settings.tenantId}`,
      ...metadata(settings.tenantId),
      ...('clientSecret' in credential
        ? { clientSecret: credential.clientSecret }
        : { clientCertificate: credential.certificate }),
    },
    system: { networkClient: networkClient(settings.loginBaseUrl) },
    cache: { cachePlugin: cachePlugin(cache) },
  });
  return async () => {
    const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
    if (!result?.accessToken) throw new Error('Microsoft Entra ID answered without an access token');
    return result.accessToken;
  };
}
