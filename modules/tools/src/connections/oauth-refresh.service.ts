import type { OrgTransaction } from '@suite/db';
import type { ProviderDefinition } from '../providers/provider-definition';
import { VendorError } from '../providers/vendor-error';
import { type DecryptPurpose, type OAuthTokenSet, oauthTokenSet } from '../vault/credential.schema';
import { decryptCredential, storeCredential } from '../vault/credential.service';
import type { Connection } from './connection.service';

const EARLY_MS = 60_000;

export const expiresSoon = (tokens: OAuthTokenSet, now = Date.now()) =>
  tokens.expiresAt !== undefined && tokens.expiresAt - EARLY_MS <= now;

export function tokenUrl(provider: ProviderDefinition, settings: unknown): string {
  const override = (settings as { tokenUrl?: string }).tokenUrl;
  return override ?? provider.oauth?.tokenUrl ?? '';
}

/** Posts a token request (authorization code or refresh) and reads the token set out of the answer. */
export async function requestTokens(
  url: string,
  form: Record<string, string>,
  previous: Pick<OAuthTokenSet, 'clientId' | 'clientSecret' | 'refreshToken'>,
  vendor: string,
): Promise<OAuthTokenSet> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      ...form,
      client_id: previous.clientId,
      client_secret: previous.clientSecret,
    }),
    signal: AbortSignal.timeout(15_000),
  }).catch(() => {
    throw new VendorError('unavailable', `${vendor}'s token endpoint could not be reached; try again later`);
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    if (response.status >= 500)
      throw new VendorError('unavailable', `${vendor}'s token endpoint failed (HTTP ${response.status})`);
    throw new VendorError(
      'auth',
      `${vendor} refused the authorization (${typeof body.error === 'string' ? body.error : `HTTP ${response.status}`}); connect ${vendor} again`,
    );
  }
  return oauthTokenSet.parse({
    clientId: previous.clientId,
    clientSecret: previous.clientSecret,
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : previous.refreshToken,
    ...(typeof body.expires_in === 'number' && { expiresAt: Date.now() + body.expires_in * 1000 }),
    ...(typeof body.scope === 'string' && { scope: body.scope }),
  });
}

/**
 * Refreshes a connection's OAuth tokens under a per-connection lock. After taking the lock it reads the
 * tokens again: when another process refreshed meanwhile (rotating refresh tokens work once), it uses
 * theirs instead of burning the refresh token a second time. The new set is re-encrypted (and the
 * re-read audited). A refusal is an auth failure: the caller moves the connection to Error.
 */
export async function refreshUnderLock(
  tx: OrgTransaction,
  connection: Connection,
  provider: ProviderDefinition,
  staleAccessToken: string,
  purpose: DecryptPurpose,
): Promise<OAuthTokenSet> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`tools.oauth-refresh:${connection.id}`}))`;
  const address = { orgId: connection.orgId, connectionId: connection.id, kind: 'oauth_token' as const };
  const current = oauthTokenSet.parse(
    await decryptCredential(tx, address, { ...purpose, purpose: 'refresh' }),
  );
  if (current.accessToken !== staleAccessToken && !expiresSoon(current)) return current;
  if (!current.refreshToken)
    throw new VendorError(
      'auth',
      `${provider.name}'s access expired and it gave no refresh token; connect it again`,
    );
  const refreshed = await requestTokens(
    tokenUrl(provider, connection.settings),
    { grant_type: 'refresh_token', refresh_token: current.refreshToken },
    current,
    provider.name,
  );
  await storeCredential(tx, address, refreshed);
  return refreshed;
}
