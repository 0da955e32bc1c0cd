import { z } from 'zod';
import { defineEvent } from './event-definition';
import { currency, entityId, hubUserId, money, timestamp } from './shared-scalars';

// CRM tells the suite about companies (topic crm.company, key: company id, so a promotion and the
// contact changes after it arrive in order) and deals (topic crm.deal, key: deal id).

export const crmContact = z.object({
  contactId: entityId,
  name: z.string().min(1),
  email: z.email().nullable(),
  phone: z.string().min(1).nullable(),
  title: z.string().min(1).nullable(),
});

export const crmLineItem = z.object({
  serviceCode: z
    .string()
    .min(1)
    .describe('Code of the service in the PSA services catalog / Books GL mapping.'),
  description: z.string().min(1),
  quantity: z.number().positive(),
  unitPrice: money,
  recurring: z.boolean().describe('Billed monthly rather than once.'),
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
    name: z.string().min(1),
    domain: z.string().min(1).nullable(),
    contacts: z.array(crmContact),
    contract: z
      .object({
        dealId: entityId.nullable(),
        name: z.string().min(1),
        monthlyValue: money,
        currency,
        startDate: z.iso.date().nullable(),
        termMonths: z.number().int().positive().nullable(),
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
    name: z.string().min(1),
    value: money,
    recurringRevenue: money.describe('Monthly recurring revenue of the deal.'),
    currency,
    ownerId: hubUserId,
    lineItems: z.array(crmLineItem),
    createProject: z
      .boolean()
      .describe('Whether PSA should open a project (per deal, defaulting to the org setting).'),
    via: z.enum(['staff', 'contract_signed']),
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

export const crmEvents = [crmCompanyPromoted, crmCompanyContactChanged, crmDealWon, crmDealUpdated] as const;
