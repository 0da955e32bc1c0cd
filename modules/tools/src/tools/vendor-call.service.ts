import type { OrgTransaction } from '@suite/db';
import type { Connection } from '../connections/connection.service';
import { expiresSoon, refreshUnderLock } from '../connections/oauth-refresh.service';
import type { ProviderDefinition, VendorCall } from '../providers/provider-definition';
import { VendorError } from '../providers/vendor-error';
import { type DecryptPurpose, oauthTokenSet } from '../vault/credential.schema';
import { decryptCredential } from '../vault/credential.service';
import { sealedProviderCache } from '../vault/provider-cache.service';

/**
 * Runs `fn` with the connection's decrypted credential: the only place a plaintext credential exists,
 * for the length of one vendor call. OAuth tokens are refreshed before expiry and once on a 401.
 * `opened`: the credential the tool call's gate already decrypted, with its audit row (call-gate.service.ts).
 */
export async function withCredential<T>(
  tx: OrgTransaction,
  connection: Connection,
  provider: ProviderDefinition,
  purpose: DecryptPurpose,
  idempotencyKey: string,
  fn: (call: VendorCall) => Promise<T>,
  opened?: { readonly value: unknown },
): Promise<T> {
  const address = { orgId: connection.orgId, connectionId: connection.id, kind: provider.credentialKind };
  const stored = opened ? opened.value : await decryptCredential(tx, address, purpose);
  if (stored === undefined)
    throw new VendorError('auth', `${provider.name} has no stored credential; connect it again`);
  const settings = provider.settings.parse(connection.settings);
  const cache = sealedProviderCache(tx, connection);
  const run = (credential: unknown) => fn({ credential, settings, idempotencyKey, cache });
  if (provider.authType !== 'oauth') return run(stored);
  let tokens = oauthTokenSet.parse(stored);
  if (expiresSoon(tokens))
    tokens = await refreshUnderLock(tx, connection, provider, tokens.accessToken, purpose);
  try {
    return await run(tokens);
  } catch (error) {
    if (!(error instanceof VendorError && error.failure === 'auth')) throw error;
    return run(await refreshUnderLock(tx, connection, provider, tokens.accessToken, purpose));
  }
}
