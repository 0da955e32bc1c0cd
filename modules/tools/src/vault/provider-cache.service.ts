import type { OrgTransaction } from '@suite/db';
import type { ProviderCache } from '../providers/provider-definition';
import { type CredentialAddress, openCredential, sealCredential } from './credential.service';
import { requireKeyring, VaultKeyError } from './keyring';

function cacheAddress(connection: { orgId: string; id: string }): CredentialAddress {
  return {
    orgId: connection.orgId,
    connectionId: connection.id,
    kind: 'oauth_token',
    label: 'provider-cache',
  };
}

/**
 * A connection's provider cache (msal's token cache) sealed in `tools.msal_cache` under its own data
 * key. It holds short-lived tokens only, so it is read without a decrypt audit row, and a cache that
 * no longer opens (its KEK left the keyring) is simply started afresh.
 */
export function sealedProviderCache(
  tx: OrgTransaction,
  connection: { orgId: string; id: string },
): ProviderCache {
  const address = cacheAddress(connection);
  return {
    async load() {
      const row = await tx.toolsMsalCache.findUnique({ where: { connectionId: connection.id } });
      if (!row) return undefined;
      try {
        return openCredential(requireKeyring(), address, row) as string;
      } catch (error) {
        if (error instanceof VaultKeyError) return undefined;
        throw error;
      }
    },
    async save(text) {
      const sealed = sealCredential(requireKeyring(), address, text);
      await tx.toolsMsalCache.upsert({
        where: { connectionId: connection.id },
        create: { connectionId: connection.id, ...sealed },
        update: { ...sealed, updatedAt: new Date() },
      });
    },
  };
}
