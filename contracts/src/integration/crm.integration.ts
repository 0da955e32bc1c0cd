import { z } from 'zod';
import { crmLineItem } from '../events/crm';
import { currency, cursor, entityId, hubUserId, money, text, timestamp } from '../events/shared-scalars';

// CRM's integration API (served at /crm/integration, X-Integration-Key). Each procedure's scope is
// `crm:<procedure>`. Companies are addressed by CRM company id, which PSA learns at promotion.

export const crmDealStage = z.enum(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);

const byCompany = z.object({ companyId: entityId });

export const pipelineContext = {
  scope: 'crm:pipeline.context',
  input: byCompany,
  output: z.object({
    companyId: entityId,
    currency,
    stages: z
      .array(
        z.object({ stage: crmDealStage, count: z.number().int(), value: money, recurringRevenue: money }),
      )
      .describe('Open deals grouped by stage, in pipeline order.'),
    totals: z.object({ openDeals: z.number().int(), value: money, recurringRevenue: money }),
    deals: z.array(
      z.object({
        dealId: entityId,
        name: z.string(),
        stage: crmDealStage,
        value: money,
        recurringRevenue: money,
        owner: z.object({ userId: hubUserId, name: z.string().nullable(), active: z.boolean() }),
      }),
    ),
  }),
} as const;

export const activityList = {
  scope: 'crm:activity.list',
  input: byCompany.extend({
    cursor: cursor.optional(),
    limit: z.number().int().min(1).max(100).default(20),
  }),
  output: z.object({
    items: z.array(
      z.object({
        activityId: entityId,
        kind: z
          .string()
          .describe('e.g. note, call, deal.won, quote.created, ticket.created, csat, esign.requested'),
        title: z.string(),
        detail: z.record(z.string(), z.unknown()),
        occurredAt: timestamp,
      }),
    ),
    nextCursor: z.string().nullable(),
  }),
} as const;

export const healthGet = {
  scope: 'crm:health.get',
  input: byCompany,
  output: z.object({
    companyId: entityId,
    score: z.number().int().min(0).max(100).nullable().describe('Null until there is any input.'),
    formula: z.string().describe('How the score is computed, in words.'),
    inputs: z.array(
      z.object({ name: z.string(), value: z.number().nullable(), weight: z.number(), detail: z.string() }),
    ),
    computedAt: timestamp.nullable(),
  }),
} as const;

export const quotesCreate = {
  scope: 'crm:quotes.create',
  input: byCompany.extend({
    lines: z.array(crmLineItem).min(1).max(100),
    requestedBy: hubUserId.describe('The PSA user adding the service.'),
    note: text(2000).optional(),
  }),
  output: z.object({
    quoteId: entityId,
    number: z.string(),
    status: z.enum(['draft', 'sent', 'accepted', 'declined']),
    total: money,
    recurringTotal: money,
    currency,
  }),
} as const;

// What the client portal needs of CRM: the contact it invites and a quote's fixed content to share
// (scopes crm:contacts.find, crm:quotes.get).

export const contactsFind = {
  scope: 'crm:contacts.find',
  input: z.object({ email: text(320, { min: 3 }).describe("The contact's email, any case.") }),
  output: z.array(
    z.object({
      contactId: entityId,
      name: z.string(),
      email: z.string(),
      companyId: entityId,
      companyName: z.string(),
      isClient: z.boolean().describe('The company has been promoted to a client.'),
    }),
  ),
} as const;

export const quotesGet = {
  scope: 'crm:quotes.get',
  input: z.object({ quoteId: entityId }),
  output: quotesCreate.output.extend({
    companyId: entityId,
    companyName: z.string(),
    dealId: entityId.nullable(),
    note: z.string().nullable(),
    createdAt: timestamp,
    lines: z.array(crmLineItem),
  }),
} as const;

// CRM's revenue figures for Books' combined revenue dashboard (scope crm:revenue.summary).

export const revenuePeriod = z
  .object({
    from: z.iso.date().describe('First day of the period (UTC).'),
    to: z.iso.date().describe('Last day of the period (UTC), inclusive.'),
    companyId: entityId.optional().describe('One company; every company when left out.'),
  })
  .refine((period) => period.from <= period.to, { message: 'from must be on or before to', path: ['to'] });

export const revenueSummary = {
  scope: 'crm:revenue.summary',
  input: revenuePeriod,
  output: z.object({
    currency,
    pipeline: z
      .array(z.object({ stage: crmDealStage, count: z.number().int(), value: money }))
      .describe('Open deals by stage now, in pipeline order.'),
    won: z.object({
      count: z.number().int(),
      value: money.describe('Value of the deals won in the period.'),
      newMrr: money.describe('Monthly recurring revenue of the deals won in the period.'),
    }),
  }),
} as const;

// Matching a ringing call to contacts by phone number (Voice, scopes crm:contacts.lookupByPhone and
// crm:contacts.rememberPhoneChoice). Numbers are normalised to E.164 with the org's default country.

const phoneInput = text(50, { min: 1 }).describe(
  'The number as the caller presented it, e.g. `+442079460018`.',
);

export const contactsLookupByPhone = {
  scope: 'crm:contacts.lookupByPhone',
  input: z.object({ phone: phoneInput }),
  output: z.object({
    e164: z.string().describe('The number normalised to E.164.'),
    match: z
      .enum(['none', 'one', 'several', 'remembered'])
      .describe('`remembered`: staff chose this contact for this number before, so it matches directly.'),
    candidates: z
      .array(
        z.object({
          contactId: entityId,
          name: z.string(),
          companyId: entityId,
          companyName: z.string(),
          phoneKind: z.enum(['work', 'mobile', 'additional']),
        }),
      )
      .describe('Every contact with this number (at most 20), the remembered one first.'),
    createContact: z
      .object({ phone: z.string() })
      .nullable()
      .describe('Set when nothing matched: offer "create contact" with this number filled in.'),
  }),
} as const;

export const contactsRememberPhoneChoice = {
  scope: 'crm:contacts.rememberPhoneChoice',
  input: z.object({ phone: phoneInput, contactId: entityId }),
  output: z.object({ e164: z.string(), contactId: entityId, companyId: entityId }),
} as const;

// Email sync (tool layer → CRM, scope crm:email.log): one call per synced Graph page. CRM owns contacts,
// companies, the free-mail list and the org's own domains, so it decides what matches; it stores only
// matched messages, each once by its immutable id, and stops the sequences a reply answers.

const address = text(320, { min: 3 }).describe('An email address as the mail server gave it (any case).');

export const syncedEmail = z.object({
  messageId: text(512, { min: 1 }).describe("Graph's immutable message id: the timeline entry's key."),
  conversationId: text(512).optional().describe('Groups the messages of one thread on the timeline.'),
  subject: text(998, { min: 0 }),
  snippet: text(255, { min: 0 }).describe('The body preview: at most 255 characters, never the body.'),
  from: address.optional(),
  to: z.array(address).max(500).default([]),
  cc: z.array(address).max(500).default([]),
  bcc: z.array(address).max(500).default([]),
  sentAt: timestamp,
  direction: z.enum(['inbound', 'outbound']).describe('Outbound when the synced mailbox sent it.'),
  webLink: z.url().max(2048).optional().describe('Opens the message in Outlook on the web.'),
});

export const emailLog = {
  scope: 'crm:email.log',
  input: z.object({
    mailbox: address.describe('The synced staff mailbox the page came from.'),
    staffAddresses: z
      .array(address)
      .max(5000)
      .default([])
      .describe('Every synced staff mailbox: never matched, so internal mail stays off client timelines.'),
    messages: z.array(syncedEmail).max(1000).default([]),
    removed: z
      .array(text(512, { min: 1 }))
      .max(1000)
      .default([])
      .describe('Immutable ids Graph reported deleted: their timeline entries go.'),
  }),
  output: z.object({
    matched: z.number().int().describe('Messages of the page that matched a contact or company.'),
    logged: z.number().int().describe('Timeline entries added (a message seen before adds none).'),
    removed: z.number().int(),
    repliesStopped: z.number().int().describe('Sequence enrollments ended by a reply in this page.'),
  }),
} as const;

// CRM as an org's "customer's CRM" (tool layer → CRM, scopes crm:records.*): the tool layer's CRM driver
// reads and writes contacts and companies here in CRM's own field names, and maps the suite's canonical
// keys to them per org (docs/decisions/0112-crm-drivers.md). CRM keeps one contact name: firstName is
// all of it but the last word, lastName the last word.

export const crmRecordObject = z.enum(['contact', 'company']);

/** CRM's field names per record object, as the records procedures read and write them. */
export const CRM_RECORD_FIELDS = {
  contact: ['firstName', 'lastName', 'email', 'phone', 'mobile', 'title', 'companyName'],
  company: ['name', 'domain'],
} as const;

export const crmRecordView = z.object({
  object: crmRecordObject,
  id: entityId,
  fields: z.record(z.string(), z.string()).describe('Only the fields that have a value.'),
  updatedAt: timestamp,
});

const recordById = z.object({ object: crmRecordObject, id: entityId });
const recordFields = z
  .record(text(100, { min: 1 }), text(2000))
  .describe('Values by CRM field name (`CRM_RECORD_FIELDS`); an empty string clears a field.');
const recordList = z.object({ records: z.array(crmRecordView) });
const recordLimit = z.number().int().min(1).max(100).default(20);

export const recordsGet = {
  scope: 'crm:records.get',
  input: recordById,
  output: crmRecordView.nullable().describe('Null when the org has no such record.'),
} as const;

export const recordsFind = {
  scope: 'crm:records.find',
  input: z.object({
    object: crmRecordObject,
    field: text(100, { min: 1 }).describe(
      'email, phone, mobile or title of a contact; name or domain of a company.',
    ),
    value: text(320, { min: 1 }).describe(
      'Compared in any case; phone and mobile as numbers (E.164), however written.',
    ),
    limit: recordLimit,
  }),
  output: recordList,
} as const;

export const recordsSearch = {
  scope: 'crm:records.search',
  input: z.object({ object: crmRecordObject, query: text(200, { min: 1 }), limit: recordLimit }),
  output: recordList,
} as const;

export const recordsListRecent = {
  scope: 'crm:records.listRecent',
  input: z.object({
    object: crmRecordObject,
    since: timestamp.optional().describe('Only records changed at or after this time.'),
    limit: recordLimit,
  }),
  output: recordList.describe('Most recently changed first.'),
} as const;

export const recordsCreate = {
  scope: 'crm:records.create',
  input: z.object({ object: crmRecordObject, fields: recordFields }),
  output: crmRecordView,
} as const;

export const recordsUpdate = {
  scope: 'crm:records.update',
  input: recordById.extend({ fields: recordFields }),
  output: crmRecordView,
} as const;

export const recordsDelete = {
  scope: 'crm:records.delete',
  input: recordById,
  output: z.object({ deleted: z.literal(true), hardDeleted: z.literal(true) }),
} as const;

/** Every CRM integration procedure, by tRPC path. */
export const crmIntegrationApi = {
  'pipeline.context': pipelineContext,
  'activity.list': activityList,
  'health.get': healthGet,
  'quotes.create': quotesCreate,
  'revenue.summary': revenueSummary,
  'contacts.lookupByPhone': contactsLookupByPhone,
  'contacts.rememberPhoneChoice': contactsRememberPhoneChoice,
  'email.log': emailLog,
  'contacts.find': contactsFind,
  'quotes.get': quotesGet,
  'records.get': recordsGet,
  'records.find': recordsFind,
  'records.search': recordsSearch,
  'records.listRecent': recordsListRecent,
  'records.create': recordsCreate,
  'records.update': recordsUpdate,
  'records.delete': recordsDelete,
} as const;
