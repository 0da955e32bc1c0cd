import { z } from 'zod';
import { defineEvent } from './event-definition';
import { contractChange } from './psa';
import { currency, entityId, hubUserId, money, name, quantity, text, timestamp } from './shared-scalars';

// CRM tells the suite about companies (topic crm.company, key: company id, so a promotion and the
// contact changes after it arrive in order) and deals (topic crm.deal, key: deal id).

export const crmContact = z.object({
  contactId: entityId,
  name,
  email: z.email().max(320).nullable(),
  phone: text(50, { min: 1 }).nullable(),
  title: text(200, { min: 1 }).nullable(),
});

export const crmLineItem = z.object({
  serviceCode: text(40, { min: 1 }).describe(
    'Code of the service in the PSA services catalog / Books GL mapping.',
  ),
  description: text(500, { min: 1 }),
  quantity,
  unitPrice: money,
  recurring: z.boolean().describe('Billed monthly rather than once.'),
  kind: z
    .enum(['service', 'discount'])
    .optional()
    .describe(
      '`discount` takes quantity × unit price off the total (prices are never negative); absent: a service.',
    ),
});

export const crmCompanyPromoted = defineEvent({
  type: 'crm.company.promoted',
  version: 1,
  topic: 'crm.company',
  key: 'companyId',
  description:
    'A CRM company became a client: PSA creates (or updates) the client with its contacts and contract.',
  schema: z.object({
    companyId: entityId,
    name,
    domain: text(253, { min: 1 }).nullable(),
    contacts: z.array(crmContact).max(1000),
    contract: z
      .object({
        dealId: entityId.nullable(),
        name,
        monthlyValue: money,
        currency,
        startDate: z.iso.date().nullable(),
        termMonths: z.number().int().positive().max(600).nullable(),
      })
      .nullable()
      .describe('Contract details from the won deal, when there is one.'),
    promotedBy: hubUserId,
    promotedAt: timestamp,
  }),
});

export const crmCompanyContactChanged = defineEvent({
  type: 'crm.company.contact_changed',
  version: 1,
  topic: 'crm.company',
  key: 'companyId',
  description: 'A contact of a promoted company was created, updated or removed in CRM.',
  schema: z.object({
    companyId: entityId,
    change: z.enum(['created', 'updated', 'removed']),
    contact: crmContact,
    changedAt: timestamp,
  }),
});

export const crmDealWon = defineEvent({
  type: 'crm.deal.won',
  version: 1,
  topic: 'crm.deal',
  key: 'dealId',
  description: 'A deal closed as won (by staff, or because PSA reported its contract signed).',
  schema: z.object({
    dealId: entityId,
    companyId: entityId,
    name,
    value: money,
    recurringRevenue: money.describe('Monthly recurring revenue of the deal.'),
    currency,
    ownerId: hubUserId,
    lineItems: z.array(crmLineItem).max(100),
    createProject: z
      .boolean()
      .describe('Whether PSA should open a project (per deal, defaulting to the org setting).'),
    via: z.enum(['staff', 'contract_signed', 'quote_accepted']),
    wonAt: timestamp,
  }),
});

export const crmDealUpdated = defineEvent({
  type: 'crm.deal.updated',
  version: 1,
  topic: 'crm.deal',
  key: 'dealId',
  description:
    "A won deal's value, recurring revenue or line items changed (an upsell): Books bills the new lines from `changedAt`.",
  schema: z.object({
    dealId: entityId,
    companyId: entityId,
    value: money,
    recurringRevenue: money.describe('Monthly recurring revenue of the deal.'),
    currency,
    lineItems: z.array(crmLineItem).describe('Every line item of the deal after the change.'),
    changedAt: timestamp,
  }),
});

export const crmSequenceReplied = defineEvent({
  type: 'crm.sequence.replied',
  version: 1,
  topic: 'crm.sequence',
  key: 'enrollmentId',
  description:
    'A contact answered an email sequence (the email sync saw the reply): the enrollment ended before its remaining steps.',
  schema: z.object({
    enrollmentId: entityId,
    sequenceId: entityId,
    contactId: entityId,
    messageId: z.string().describe("The reply's immutable Graph message id."),
    stepsSent: z.number().int().min(0),
    repliedAt: timestamp,
  }),
});

export const crmEsignRequested = defineEvent({
  type: 'crm.esign.requested',
  version: 1,
  topic: 'crm.esign',
  key: 'esignRequestId',
  description:
    'Flow 7: CRM asks a client company to e-sign an addendum for a contract revision; the portal shares it for signature.',
  schema: z.object({
    esignRequestId: entityId,
    companyId: entityId,
    contractId: entityId.describe('The PSA contract the addendum amends.'),
    revision: z.number().int().positive().describe('The contract revision the addendum states.'),
    changes: z.array(contractChange).min(1),
    requestedAt: timestamp,
  }),
});

export const crmEvents = [
  crmCompanyPromoted,
  crmCompanyContactChanged,
  crmDealWon,
  crmDealUpdated,
  crmSequenceReplied,
  crmEsignRequested,
] as const;
