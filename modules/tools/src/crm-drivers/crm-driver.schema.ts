import {
  type crmCreatableObject,
  type crmDriverInputs,
  crmDriverObject,
  crmDriverRecord,
  text,
} from '@suite/contracts';
import { z } from 'zod';

/** The records every CRM driver reads and writes; the verbs' schemas are the integration API's. */
export const crmObject = crmDriverObject;
export type CrmObject = z.infer<typeof crmObject>;
/** The records, and `call`: an activity `createRecord` logs (external CRMs only, decision 0142). */
export type CrmCreatableObject = z.infer<typeof crmCreatableObject>;

/** The suite's names for CRM fields, per object; a driver maps each to its provider's field path. */
export const CANONICAL_FIELDS = {
  contact: ['email', 'phone', 'firstName', 'lastName', 'jobTitle', 'companyName'],
  company: ['name', 'domain', 'phone'],
} as const satisfies Record<CrmObject, readonly string[]>;

/** `contact.email`, `company.domain` …: the keys a field mapping maps. */
export const CANONICAL_KEYS = crmObject.options.flatMap((object) =>
  CANONICAL_FIELDS[object].map((field) => `${object}.${field}`),
);

export type CrmFields = Record<string, string>;
export const crmRecord = crmDriverRecord;
export type CrmRecord = z.infer<typeof crmRecord>;
export type LookupCustomerInput = z.infer<typeof crmDriverInputs.lookupCustomer>;
export type SearchRecordsInput = z.infer<typeof crmDriverInputs.searchRecords>;
export type CreateRecordInput = z.infer<typeof crmDriverInputs.createRecord>;
export type UpdateRecordInput = z.infer<typeof crmDriverInputs.updateRecord>;
export type ListRecentInput = z.infer<typeof crmDriverInputs.listRecent>;
export type DeleteRecordInput = z.infer<typeof crmDriverInputs.deleteRecord>;

/** A field mapping as staff edit it: canonical key → where the provider keeps it. */
// Empty paths pass here so the service can refuse them naming the canonical key.
const fieldPath = text(200);
export const fieldMappingEntry = z.object({
  canonicalKey: text(100, { min: 1 }),
  readPath: fieldPath,
  writePath: fieldPath.optional().describe('Where writes go; the read path when left out.'),
});
export const crmProviderInput = z.object({ provider: text(100, { min: 1 }) });
export const saveFieldMappingInput = crmProviderInput.extend({
  fields: z.array(fieldMappingEntry).max(CANONICAL_KEYS.length),
});
export type SaveFieldMappingInput = z.infer<typeof saveFieldMappingInput>;

export const fieldMappingView = z.object({
  provider: z.string(),
  fields: z.array(
    z.object({
      canonicalKey: z.string(),
      readPath: z.string(),
      writePath: z.string(),
      /** False while the key uses the driver's built-in name. */
      custom: z.boolean(),
    }),
  ),
});
export type FieldMappingView = z.infer<typeof fieldMappingView>;
