import { createHash, randomBytes } from 'node:crypto';
import { conflict, invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { providerById } from '../providers/provider-registry';
import { VendorError } from '../providers/vendor-error';
import { openCredential, sealCredential, storeCredential } from '../vault/credential.service';
import { requireKeyring } from '../vault/keyring';
import {
  type Operator,
  parseFor,
  upsertConnection,
  verifyConnection,
  writableKeyring,
} from './connect.service';
import { pendingOAuth as pending, type VerifyView } from './connection.schema';
import { requestTokens, tokenUrl } from './oauth-refresh.service';

const STATE_TTL_MS = 10 * 60_000;
const base64url = (bytes: Buffer) => bytes.toString('base64url');

export interface StartOAuthInput {
  readonly provider: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly settings?: Record<string, unknown> | undefined;
}

/**
 * Starts the authorization code flow: a random state and a PKCE (S256) verifier, sealed with the org's
 * client id and secret until the callback. Returns the URL to send the browser to.
 */
export async function startOAuth(
  tx: OrgTransaction,
  input: StartOAuthInput,
): Promise<{ authorizeUrl: string; state: string }> {
  const provider = providerById(input.provider);
  if (provider.authType !== 'oauth' || !provider.oauth)
    throw invalid(`${provider.name} connects with an API key: use connections.connectApiKey`, 'provider');
  const settings = parseFor(provider.settings, input.settings, 'settings', provider.name);
  const keyring = writableKeyring();
  const connection = await upsertConnection(tx, provider, settings);
  const state = base64url(randomBytes(24));
  const codeVerifier = base64url(randomBytes(32));
  const sealed = sealCredential(keyring, oauthStateAddress(connection.orgId, connection.id, state), {
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    codeVerifier,
  });
  await tx.toolsOAuthState.create({
    data: {
      state,
      connectionId: connection.id,
      redirectUri: input.redirectUri,
      expiresAt: new Date(Date.now() + STATE_TTL_MS),
      ...sealed,
    },
  });
  const authorizeUrl = new URL(
    (settings as { authorizeUrl?: string }).authorizeUrl ?? provider.oauth.authorizeUrl,
  );
  authorizeUrl.search = new URLSearchParams({
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    scope: provider.oauth.scopes.join(' '),
    state,
    code_challenge: base64url(createHash('sha256').update(codeVerifier).digest()),
    code_challenge_method: 'S256',
    access_type: 'offline',
  }).toString();
  return { authorizeUrl: authorizeUrl.toString(), state };
}

function oauthStateAddress(orgId: string, connectionId: string, state: string) {
  return { orgId, connectionId, kind: 'oauth_token' as const, label: `oauth-state=${state}` };
}

/**
 * The callback: the state must be one this org started and not expired (used once); the code is
 * exchanged with the PKCE verifier; the tokens go to the vault; then the connection is verified.
 */
export async function finishOAuth(
  tx: OrgTransaction,
  input: { state: string; code: string },
  operator: Operator,
): Promise<VerifyView> {
  const started = await tx.toolsOAuthState.findFirst({ where: { state: input.state } });
  if (!started || started.expiresAt.getTime() < Date.now())
    throw invalid('this authorization is unknown or expired (10 minutes); start connecting again', 'state');
  await tx.toolsOAuthState.delete({ where: { state: input.state } });
  const connection = await tx.toolsConnection.findFirstOrThrow({ where: { id: started.connectionId } });
  const provider = providerById(connection.provider);
  await tx.toolsDecryptAudit.create({
    data: {
      connectionId: connection.id,
      actorType: 'operator',
      actorId: operator.user.id,
      purpose: 'oauth_callback',
      requestId: operator.requestId ?? null,
    },
  });
  const keyring = requireKeyring();
  const app = pending.parse(
    openCredential(keyring, oauthStateAddress(connection.orgId, connection.id, input.state), started),
  );
  let tokens: Awaited<ReturnType<typeof requestTokens>>;
  try {
    tokens = await requestTokens(
      tokenUrl(provider, connection.settings),
      {
        grant_type: 'authorization_code',
        code: input.code,
        redirect_uri: started.redirectUri,
        code_verifier: app.codeVerifier,
      },
      app,
      provider.name,
    );
  } catch (error) {
    if (error instanceof VendorError) throw conflict(error.message);
    throw error;
  }
  await storeCredential(
    tx,
    { orgId: connection.orgId, connectionId: connection.id, kind: 'oauth_token' },
    tokens,
    keyring,
  );
  return verifyConnection(tx, { connectionId: connection.id }, operator);
}
