import { conflict } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import { connectionOf } from '../connections/connection.service';
import { withCredential } from '../tools/vendor-call.service';
import type { DecryptPurpose } from '../vault/credential.schema';
import type { CrmDriver } from './crm-driver';
import { CRM_PROVIDER_IDS, vendorCrmDriverOf } from './crm-driver-registry';
import { withKeyedUpdates, writeOnceIn } from './crm-idempotency.service';
import { crmRecordsClient } from './crm-records.client';
import { fieldMappingOf } from './field-mapping.service';
import { SUITE_CRM, suiteCrmDriver } from './suite-crm.crm-driver';

/** Who is using the org's CRM: the org, its clients of other modules, and the decrypt audit's purpose. */
export interface CrmCaller {
  readonly orgId: string;
  readonly integrations?: IntegrationClients | undefined;
  readonly purpose: DecryptPurpose;
}

/** The org's CRM: the provider asked for, else its one connected vendor CRM, else our own CRM module. */
export async function crmProviderOf(tx: OrgTransaction, provider: string | undefined): Promise<string> {
  if (provider) {
    if (provider !== SUITE_CRM.id) vendorCrmDriverOf(provider);
    return provider;
  }
  const connected = await tx.toolsConnection.findMany({
    where: { provider: { in: CRM_PROVIDER_IDS }, health: { not: 'not_connected' } },
  });
  if (connected.length > 1)
    throw conflict(
      `${connected.length} CRMs are connected (${connected.map((c) => c.provider).join(', ')}); name the provider`,
    );
  return connected[0]?.provider ?? SUITE_CRM.id;
}

/**
 * Runs `use` with the org's CRM driver and the org's field mapping. A vendor CRM's credential is
 * decrypted for this call only (audited), OAuth tokens refreshed before expiry and once on a 401; our
 * CRM is called through its integration API as the tool layer.
 */
export async function withCrmDriver<T>(
  tx: OrgTransaction,
  input: { readonly provider?: string | undefined },
  caller: CrmCaller,
  use: (driver: CrmDriver) => Promise<T>,
): Promise<T> {
  const provider = await crmProviderOf(tx, input.provider);
  const mapping = await fieldMappingOf(tx, provider);
  const createOnce = writeOnceIn(tx, provider, 'crm.createRecord');
  const keyed = (driver: CrmDriver) =>
    withKeyedUpdates(driver, writeOnceIn(tx, provider, 'crm.updateRecord'));
  if (provider === SUITE_CRM.id) {
    if (!caller.integrations)
      throw conflict(
        'CRM is reached through its integration API, and this caller has no integration clients',
      );
    const crm = crmRecordsClient(caller.integrations, caller.orgId);
    return use(keyed(suiteCrmDriver(crm, mapping, createOnce)));
  }
  const connection = await connectionOf(tx, provider);
  if (!connection || connection.health === 'not_connected')
    throw conflict(`${provider} is not connected for this org; connect it under Settings → Integrations`);
  const definition = vendorCrmDriverOf(provider);
  const { purpose } = caller;
  return withCredential(
    tx,
    connection,
    definition.provider,
    purpose,
    purpose.requestId ?? purpose.purpose,
    (call) => use(keyed(definition.open({ call, mapping, createOnce }))),
  );
}
