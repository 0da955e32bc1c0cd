import { z } from 'zod';
import { currency, entityId, money } from '../events/shared-scalars';
import { revenueSummary } from './crm.integration';

// Books' integration API (served at /books/integration, X-Integration-Key). Each procedure's scope is
// `books:<procedure>`. Clients are addressed by CRM company id.

export const booksInvoicesList = {
  scope: 'books:invoices.list',
  input: z.object({ companyId: entityId }),
  output: z.array(
    z.object({
      invoiceId: entityId,
      number: z.string(),
      status: z.enum(['finalized', 'paid', 'void']),
      currency,
      total: money,
      outstanding: money,
      issuedOn: z.iso.date(),
      dueOn: z.iso.date(),
    }),
  ),
} as const;

const period = z
  .object({
    from: z.iso.date().describe('First day of the period (UTC).'),
    to: z.iso.date().describe('Last day of the period (UTC), inclusive.'),
  })
  .refine((p) => p.from <= p.to, { message: 'from must be on or before to', path: ['to'] });

export const booksRevenueDashboard = {
  scope: 'books:revenue.dashboard',
  input: period.safeExtend({
    companyId: entityId.optional().describe('One company; every company when left out.'),
  }),
  output: z.object({
    crm: z
      .discriminatedUnion('available', [
        revenueSummary.output.extend({ available: z.literal(true) }),
        z.object({ available: z.literal(false), message: z.string() }),
      ])
      .describe("CRM's pipeline by stage, won value and new MRR, through CRM's integration API."),
    books: z
      .array(
        z.object({
          currency,
          invoiceCount: z.number().int(),
          invoiced: money.describe('Totals of the invoices issued in the period (void ones excluded).'),
          paid: money.describe('Payments received in the period, as applied to invoices.'),
          outstanding: money.describe('What the invoices issued up to the period end still owe.'),
          overdue: money.describe('The part of `outstanding` due before the period end.'),
          mrrBilled: money.describe('Recurring lines on the invoices issued in the period.'),
          churnedMrr: money.describe('MRR of the contracts that ended in the period.'),
        }),
      )
      .describe('One entry per currency Books billed in; currencies are never added together.'),
  }),
} as const;

export const booksGlJournal = {
  scope: 'books:gl.journal',
  input: period,
  output: z.object({
    entries: z.array(
      z.object({
        invoiceId: entityId,
        number: z.string(),
        issuedOn: z.iso.date(),
        crmCompanyId: entityId,
        currency,
        idempotencyKey: z
          .string()
          .describe('The same for every export of this invoice: a ledger push posts it once.'),
        postings: z.array(
          z.object({
            account: z.string().describe('GL account code; `AR` receivables, `TAX` tax payable.'),
            accountName: z.string(),
            debit: money,
            credit: money,
          }),
        ),
      }),
    ),
    totals: z
      .array(z.object({ account: z.string(), accountName: z.string(), currency, credit: money }))
      .describe('Income and tax credited per account and currency in the period.'),
  }),
} as const;

/** Every Books integration procedure, by tRPC path. */
export const booksIntegrationApi = {
  'invoices.list': booksInvoicesList,
  'revenue.dashboard': booksRevenueDashboard,
  'gl.journal': booksGlJournal,
} as const;
