import type { ProviderDefinition, VendorCall } from '../providers/provider-definition';
import { VendorError } from '../providers/vendor-error';
import type { VendorMessages } from '../providers/vendor-http';
import type {
  CreateRecordInput,
  CrmCreatableObject,
  CrmRecord,
  DeleteRecordInput,
  ListRecentInput,
  LookupCustomerInput,
  SearchRecordsInput,
  UpdateRecordInput,
} from './crm-driver.schema';
import type { FieldMapping } from './field-mapping';

/**
 * "The customer's CRM", whichever it is: every driver speaks these verbs in canonical field names and
 * translates them to its provider's API with the org's field mapping (docs/decisions/0112).
 */
export interface CrmDriver {
  testConnection(): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Phone is the preferred match key, then email; externalId reads the record itself. */
  lookupCustomer(input: LookupCustomerInput): Promise<CrmRecord | null>;
  searchRecords(input: SearchRecordsInput): Promise<{ records: CrmRecord[] }>;
  /** The same idempotency key creates once and answers the first record again. */
  createRecord(input: CreateRecordInput): Promise<CrmRecord>;
  /**
   * A partial update: only the given fields change. A logged `call` changes only its note and recording
   * link, and is answered without reading it back. An idempotency key updates once (the service keeps it).
   */
  updateRecord(input: UpdateRecordInput): Promise<CrmRecord>;
  /** Most recently changed first. */
  listRecent(input: ListRecentInput): Promise<{ records: CrmRecord[] }>;
  /** Throws DeleteUnsupportedError for a provider without a delete API. */
  deleteRecord(input: DeleteRecordInput): Promise<{ deleted: true; hardDeleted: boolean }>;
}

/** Runs a write once per idempotency key for the org (kept in PostgreSQL for vendors without a key header). */
export type WriteOnce = (idempotencyKey: string, write: () => Promise<CrmRecord>) => Promise<CrmRecord>;

/** What a driver is built from for one call: the vendor call (credential, settings) and the org's mapping. */
export interface CrmDriverContext<C = unknown, S = unknown> {
  readonly call: VendorCall<C, S>;
  readonly mapping: FieldMapping;
  readonly createOnce: WriteOnce;
}

/** A provider that can act as an org's CRM: its built-in field names and how to open its driver. */
export interface CrmDriverDefinition<C = unknown, S = unknown> {
  readonly provider: ProviderDefinition<C, S>;
  /** Canonical key → the provider's own field name; the mapping an org without overrides gets. */
  readonly defaults: Readonly<Record<string, string>>;
  open(context: CrmDriverContext<C, S>): CrmDriver;
}

export function defineCrmDriver<C, S>(definition: CrmDriverDefinition<C, S>): CrmDriverDefinition<C, S> {
  return definition;
}

/** The provider keeps no delete API: right to erasure flags the record for manual deletion there. */
export class DeleteUnsupportedError extends VendorError {
  readonly code = 'delete_unsupported';
  constructor(vendor: string) {
    super('rejected', `${vendor} has no delete API: delete the record by hand there`);
  }
}

/** testConnection of any driver: a passing check is `{ ok: true }`, a vendor's refusal its reason. */
export async function connectionCheck(
  check: () => Promise<unknown>,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await check();
    return { ok: true };
  } catch (error) {
    if (error instanceof VendorError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** The CRM has no such record (any more): look it up again. */
export function recordNotFound(vendor: string, object: CrmCreatableObject, externalId: string): never {
  throw new VendorError('rejected', `${vendor} has no ${object} ${externalId}; look it up again`, {
    field: 'externalId',
    status: 404,
  });
}

/** A refused write is usually a field the CRM lacks or a required one missing: say where to fix it. */
export function writeMessages(
  messages: VendorMessages,
  object: CrmCreatableObject,
  externalId?: string,
): VendorMessages {
  const what = externalId ? `the update of ${object} ${externalId}` : `the new ${object}`;
  return {
    ...messages,
    rejected: (detail) =>
      `${messages.vendor} refused ${what}: ${detail} — check the ${object} fields given and the org's CRM field mapping`,
    rejectedField: 'fields',
  };
}
