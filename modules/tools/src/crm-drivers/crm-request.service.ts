import {
  conflict,
  type crmCreateRecord,
  type crmDeleteRecord,
  type crmListRecent,
  type crmLookupCustomer,
  type crmSearchRecords,
  type crmTestConnection,
  type crmUpdateRecord,
  invalid,
  unavailable,
} from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import type { z } from 'zod';
import { VendorError } from '../providers/vendor-error';
import { type CrmDriver, DeleteUnsupportedError } from './crm-driver';
import { crmProviderOf, withCrmDriver } from './crm-driver.service';
import { SUITE_CRM } from './suite-crm.crm-driver';

/** The part of an integration request a CRM call uses. */
interface Requester {
  readonly orgId: string;
  readonly caller: string;
  readonly integrations: IntegrationClients;
  readonly requestId?: string | undefined;
}

/** A CRM's refusal as the API answers it: its message, a 400 naming the field, 409 or 502. */
function asDomainError(error: unknown): unknown {
  if (error instanceof DeleteUnsupportedError) return conflict(`delete_unsupported: ${error.message}`);
  if (!(error instanceof VendorError)) return error;
  if (error.failure === 'rejected') return invalid(error.message, error.details.field ?? 'fields');
  if (error.failure === 'auth') return conflict(error.message);
  return unavailable(error.message);
}

/** A sister product's CRM call for its key's org: the org's CRM driver, audited as the calling product. */
async function onCrm<T>(
  tx: OrgTransaction,
  verb: string,
  provider: string | undefined,
  requester: Requester,
  use: (driver: CrmDriver) => Promise<T>,
): Promise<T> {
  const purpose = {
    actorType: 'tool',
    actorId: requester.caller,
    purpose: `crm.${verb}`,
    requestId: requester.requestId,
  } as const;
  try {
    return await withCrmDriver(
      tx,
      { provider },
      { orgId: requester.orgId, integrations: requester.integrations, purpose },
      use,
    );
  } catch (error) {
    throw asDomainError(error);
  }
}

type In<C extends { input: z.ZodType }> = z.infer<C['input']>;

/** Which CRM the org uses, so a product can tell a vendor CRM (which it may log to) from ours. */
export async function orgCrmProvider(tx: OrgTransaction): Promise<{ provider: string; external: boolean }> {
  const provider = await crmProviderOf(tx, undefined);
  return { provider, external: provider !== SUITE_CRM.id };
}

export const testRequestedCrm = (
  tx: OrgTransaction,
  { provider }: In<typeof crmTestConnection>,
  requester: Requester,
) => onCrm(tx, 'testConnection', provider, requester, (driver) => driver.testConnection());

export const lookupRequestedCustomer = (
  tx: OrgTransaction,
  { provider, ...input }: In<typeof crmLookupCustomer>,
  requester: Requester,
) => onCrm(tx, 'lookupCustomer', provider, requester, (driver) => driver.lookupCustomer(input));

export const searchRequestedRecords = (
  tx: OrgTransaction,
  { provider, ...input }: In<typeof crmSearchRecords>,
  requester: Requester,
) => onCrm(tx, 'searchRecords', provider, requester, (driver) => driver.searchRecords(input));

export const createRequestedRecord = (
  tx: OrgTransaction,
  { provider, ...input }: In<typeof crmCreateRecord>,
  requester: Requester,
) => onCrm(tx, 'createRecord', provider, requester, (driver) => driver.createRecord(input));

export const updateRequestedRecord = (
  tx: OrgTransaction,
  { provider, ...input }: In<typeof crmUpdateRecord>,
  requester: Requester,
) => onCrm(tx, 'updateRecord', provider, requester, (driver) => driver.updateRecord(input));

export const listRequestedRecent = (
  tx: OrgTransaction,
  { provider, ...input }: In<typeof crmListRecent>,
  requester: Requester,
) => onCrm(tx, 'listRecent', provider, requester, (driver) => driver.listRecent(input));

export const deleteRequestedRecord = (
  tx: OrgTransaction,
  { provider, ...input }: In<typeof crmDeleteRecord>,
  requester: Requester,
) => onCrm(tx, 'deleteRecord', provider, requester, (driver) => driver.deleteRecord(input));
