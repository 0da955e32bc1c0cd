import { z } from 'zod';
import { count, text, timestamp } from '../events/shared-scalars';

// The tool layer's integration API (served at /tools/integration, X-Integration-Key): a sister product
// runs a tool for the key's org. Scope `tools:run`.

export const toolRun = {
  scope: 'tools:run',
  input: z.object({
    tool: z
      .string()
      .min(1)
      .describe(
        'send_sms, send_email, charge_card, post_to_social, send_contract, geocode_address, place_call or delete_recording.',
      ),
    input: z.record(z.string(), z.unknown()).describe("The tool's input, as its schema describes it."),
    idempotencyKey: z
      .string()
      .min(8)
      .max(200)
      .describe('The same key on a retry returns the first result instead of texting or charging twice.'),
    background: z
      .boolean()
      .default(false)
      .describe(
        "A job's call: while the connection is in Error it is parked as a paused run (answer `paused`) and sent once the connection verifies again.",
      ),
  }),
  output: z
    .object({ success: z.boolean(), provider: z.string().optional() })
    .catchall(z.unknown())
    .describe(
      '`{ success: true, provider, …the tool output }` or `{ success: false, error: { code, message, field?, retry_after_seconds? } }`.',
    ),
} as const;

export const toolAvailability = {
  scope: 'tools:availability',
  input: z.object({
    tool: z.string().min(1).max(50).describe('A tool name, as for `run` (`charge_card`).'),
  }),
  output: z
    .object({ available: z.boolean(), reason: z.string().nullable() })
    .describe(
      'Whether the org has a vendor connected for the tool now; `reason` says what to do when not, null when none is connected at all.',
    ),
} as const;

// The org's CRM, whichever it is (docs/decisions/0112-crm-drivers.md): HubSpot, Salesforce, a generic
// REST CRM or the suite's own CRM module, read and written in canonical field names through the org's
// field mapping. Scopes `tools:crm.<verb>`.

export const crmDriverObject = z.enum(['contact', 'company']);
/**
 * What `createRecord` writes and `updateRecord` changes: the records, and a logged `call` activity
 * (never read back; an update changes only its note and recording link).
 */
export const crmCreatableObject = z.enum([...crmDriverObject.options, 'call']);

export const crmDriverRecord = z.object({
  object: crmCreatableObject,
  externalId: z.string().describe("The record's id at the CRM."),
  fields: z
    .record(z.string(), z.string())
    .describe('Canonical field names of the object (`email`, `phone`, `firstName`, …) with a value.'),
  recordUrl: z.string().nullable().describe("The record's page at the CRM, when it has one."),
  updatedAt: timestamp.nullable(),
});

const crmFields = z
  .record(text(100, { min: 1 }), text(2000))
  .describe(
    'contact: email, phone, firstName, lastName, jobTitle, companyName; company: name, domain, phone; call: direction (inbound|outbound), outcome (completed|busy|no_answer|failed|canceled), occurredAt (ISO 8601), durationSeconds, fromNumber, toNumber, note, recordingUrl (an update: note, recordingUrl).',
  );
const externalId = text(200, { min: 1 }).describe("The record's id at the CRM.");
const crmProvider = {
  provider: text(100, { min: 1 })
    .optional()
    .describe("hubspot, salesforce, generic-rest or crm; the org's connected CRM when left out."),
};

/** The drivers' own inputs; the integration procedures add `provider`. */
export const crmDriverInputs = {
  lookupCustomer: z.object({
    phone: text(50, { min: 1 }).optional().describe('Matched first.'),
    email: text(320, { min: 3 }).optional(),
    externalId: externalId.optional(),
  }),
  searchRecords: z.object({
    object: crmDriverObject,
    query: text(200, { min: 1 }),
    limit: count(100).default(10),
  }),
  createRecord: z.object({
    object: crmCreatableObject,
    fields: crmFields,
    idempotencyKey: text(200, { min: 8 }).describe(
      'Typically `<conversation id>:<turn id>`: the same key creates once and answers the first record.',
    ),
  }),
  updateRecord: z.object({
    object: crmCreatableObject,
    externalId,
    fields: crmFields,
    idempotencyKey: text(200, { min: 8 })
      .optional()
      .describe('The same key updates once and answers the first result again, sending nothing.'),
  }),
  listRecent: z.object({
    object: crmDriverObject,
    since: timestamp.optional(),
    limit: count(100).default(20),
  }),
  deleteRecord: z.object({ object: crmDriverObject, externalId }),
} as const;

const anyKeyGiven = (input: { phone?: string; email?: string; externalId?: string }) =>
  Boolean(input.phone ?? input.email ?? input.externalId);
const recordList = z.object({ records: z.array(crmDriverRecord) });

export const crmTestConnection = {
  scope: 'tools:crm.testConnection',
  input: z.object(crmProvider),
  output: z.object({ ok: z.boolean(), reason: z.string().optional() }),
} as const;
export const crmLookupCustomer = {
  scope: 'tools:crm.lookupCustomer',
  input: crmDriverInputs.lookupCustomer
    .extend(crmProvider)
    .refine(anyKeyGiven, { message: 'give at least one of phone, email or externalId', path: ['phone'] }),
  output: crmDriverRecord.nullable().describe('Null when the CRM has no such customer.'),
} as const;
export const crmSearchRecords = {
  scope: 'tools:crm.searchRecords',
  input: crmDriverInputs.searchRecords.extend(crmProvider),
  output: recordList,
} as const;
export const crmCreateRecord = {
  scope: 'tools:crm.createRecord',
  input: crmDriverInputs.createRecord.extend(crmProvider),
  output: crmDriverRecord,
} as const;
export const crmOrgProvider = {
  scope: 'tools:crm.provider',
  input: z.object({}),
  output: z.object({
    provider: z.string().describe('hubspot, salesforce, generic-rest, or crm for the suite’s own CRM.'),
    external: z.boolean().describe('True when the org keeps its customers in a vendor CRM.'),
  }),
} as const;
export const crmUpdateRecord = {
  scope: 'tools:crm.updateRecord',
  input: crmDriverInputs.updateRecord.extend(crmProvider),
  output: crmDriverRecord,
} as const;
export const crmListRecent = {
  scope: 'tools:crm.listRecent',
  input: crmDriverInputs.listRecent.extend(crmProvider),
  output: recordList.describe('Most recently changed first.'),
} as const;
export const crmDeleteRecord = {
  scope: 'tools:crm.deleteRecord',
  input: crmDriverInputs.deleteRecord.extend(crmProvider),
  output: z.object({
    deleted: z.literal(true),
    hardDeleted: z.boolean().describe('False when the CRM archives (HubSpot, Salesforce).'),
  }),
} as const;

export const toolsIntegrationApi = {
  toolAvailability,
  toolRun,
  crmTestConnection,
  crmLookupCustomer,
  crmSearchRecords,
  crmCreateRecord,
  crmOrgProvider,
  crmUpdateRecord,
  crmListRecent,
  crmDeleteRecord,
} as const;
