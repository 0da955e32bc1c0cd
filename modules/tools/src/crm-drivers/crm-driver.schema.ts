import { count, text, timestamp } from '@suite/contracts';
import { z } from 'zod';

/** The records every CRM driver reads and writes. */
export const crmObject = z.enum(['contact', 'company']);
export type CrmObject = z.infer<typeof crmObject>;

/** The suite's names for CRM fields, per object; a driver maps each to its provider's field path. */
export const CANONICAL_FIELDS = {
  contact: ['email', 'phone', 'firstName', 'lastName', 'jobTitle', 'companyName'],
  company: ['name', 'domain', 'phone'],
} as const satisfies Record<CrmObject, readonly string[]>;

/** `contact.email`, `company.domain` …: the keys a field mapping maps. */
export const CANONICAL_KEYS = crmObject.options.flatMap((object) =>
  CANONICAL_FIELDS[object].map((field) => `${object}.${field}`),
);

/** Field values by canonical field name of the record's object (`{ email, firstName }` for a contact). */
const crmFields = z.record(text(100, { min: 1 }), text(2000));
export type CrmFields = z.infer<typeof crmFields>;

export const externalId = text(200, { min: 1 }).describe("The record's id at the CRM.");

export const crmRecord = z.object({
  object: crmObject,
  externalId: z.string(),
  fields: z.record(z.string(), z.string()),
  recordUrl: z.string().nullable(),
  updatedAt: timestamp.nullable(),
});
export type CrmRecord = z.infer<typeof crmRecord>;

export const lookupCustomerInput = z
  .object({
    phone: text(50, { min: 1 }).optional(),
    email: text(320, { min: 3 }).optional(),
    externalId: externalId.optional(),
  })
  .refine((input) => input.phone ?? input.email ?? input.externalId, {
    message: 'give at least one of phone, email or externalId',
    path: ['phone'],
  });
export type LookupCustomerInput = z.infer<typeof lookupCustomerInput>;

export const searchRecordsInput = z.object({
  object: crmObject,
  query: text(200, { min: 1 }),
  limit: count(100).default(10),
});
export type SearchRecordsInput = z.infer<typeof searchRecordsInput>;

export const createRecordInput = z.object({
  object: crmObject,
  fields: crmFields,
  idempotencyKey: text(200, { min: 1 }).describe(
    'Typically `<conversation id>:<turn id>`: the same key creates once.',
  ),
});
export type CreateRecordInput = z.infer<typeof createRecordInput>;

export const updateRecordInput = z.object({ object: crmObject, externalId, fields: crmFields });
export type UpdateRecordInput = z.infer<typeof updateRecordInput>;

export const listRecentInput = z.object({
  object: crmObject,
  since: timestamp.optional(),
  limit: count(100).default(20),
});
export type ListRecentInput = z.infer<typeof listRecentInput>;

export const deleteRecordInput = z.object({ object: crmObject, externalId });
export type DeleteRecordInput = z.infer<typeof deleteRecordInput>;

export const connectionTest = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export const recordList = z.object({ records: z.array(crmRecord) });
export const deletedRecord = z.object({ deleted: z.literal(true), hardDeleted: z.boolean() });

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
