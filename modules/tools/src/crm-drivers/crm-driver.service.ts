import { conflict } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { type Connection, connectionOf } from '../connections/connection.service';
import { withCredential } from '../tools/vendor-call.service';
import type { DecryptPurpose } from '../vault/credential.schema';
import type { CrmDriver } from './crm-driver';
import { CRM_PROVIDER_IDS, crmDriverOf } from './crm-driver-registry';
import { createOnceIn } from './crm-idempotency.service';
import { fieldMappingOf } from './field-mapping.service';

/** The org's CRM connection: the provider asked for, else its one connected CRM. */
async function crmConnection(tx: OrgTransaction, provider: string | undefined): Promise<Connection> {
  if (provider) {
    crmDriverOf(provider);
    const connection = await connectionOf(tx, provider);
    if (connection && connection.health !== 'not_connected') return connection;
    throw conflict(`${provider} is not connected for this org; connect it under Settings → Integrations`);
  }
  const connected = await tx.toolsConnection.findMany({
    where: { provider: { in: CRM_PROVIDER_IDS }, health: { not: 'not_connected' } },
  });
  const [only, ...others] = connected;
  if (!only)
    throw conflict(
      `no CRM is connected for this org; connect one of ${CRM_PROVIDER_IDS.join(', ')} under Settings → Integrations`,
    );
  if (others.length > 0)
    throw conflict(
      `${connected.length} CRMs are connected (${connected.map((c) => c.provider).join(', ')}); name the provider`,
    );
  return only;
}

/**
 * Runs `use` with the org's CRM driver: credential decrypted for this call only (audited), OAuth tokens
 * refreshed before expiry and once on a 401, field mapping and idempotency records of this org.
 */
export async function withCrmDriver<T>(
  tx: OrgTransaction,
  input: { readonly provider?: string | undefined },
  purpose: DecryptPurpose,
  use: (driver: CrmDriver) => Promise<T>,
): Promise<T> {
  const connection = await crmConnection(tx, input.provider);
  const definition = crmDriverOf(connection.provider);
  const mapping = await fieldMappingOf(tx, connection.provider);
  const createOnce = createOnceIn(tx, connection.provider);
  return withCredential(
    tx,
    connection,
    definition.provider,
    purpose,
    purpose.requestId ?? purpose.purpose,
    (call) => use(definition.open({ call, mapping, createOnce })),
  );
}
