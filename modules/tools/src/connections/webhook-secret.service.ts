import type { OrgTransaction } from '@suite/db';
import { providerById } from '../providers/provider-registry';
import { webhookSecret } from '../vault/credential.schema';
import { storeCredential } from '../vault/credential.service';
import { parseFor, upsertConnection, writableKeyring } from './connect.service';
import { connectionOf } from './connection.service';

/**
 * Stores a vendor's webhook signing secret and answers the org's inbound webhook URL to paste at the
 * vendor (src/webhooks/ verifies what arrives there with this secret).
 */
export async function saveWebhookSecret(
  tx: OrgTransaction,
  input: { provider: string; signingSecret: string },
): Promise<{ webhookUrl: string }> {
  const provider = providerById(input.provider);
  const secret = parseFor(webhookSecret, { signingSecret: input.signingSecret }, 'webhook', provider.name);
  const keyring = writableKeyring();
  const connection = (await connectionOf(tx, provider.id)) ?? (await upsertConnection(tx, provider, {}));
  await storeCredential(
    tx,
    { orgId: connection.orgId, connectionId: connection.id, kind: 'webhook_secret' },
    secret,
    keyring,
  );
  return { webhookUrl: `/tools/webhooks/${provider.id}/${connection.id}` };
}

/** Forgets the connection's credentials; the vendor shows Not connected and its tools stop. */
export async function disconnect(tx: OrgTransaction, input: { provider: string }): Promise<void> {
  const connection = await connectionOf(tx, providerById(input.provider).id);
  if (!connection) return;
  await tx.toolsCredential.deleteMany({ where: { connectionId: connection.id } });
  await tx.toolsConnection.update({
    where: { id: connection.id },
    data: { health: 'not_connected', healthReason: null, healthChangedAt: new Date(), failureStreak: 0 },
  });
}
