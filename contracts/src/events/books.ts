import { z } from 'zod';
import { defineEvent } from './event-definition';
import { currency, entityId, hubUserId, money, timestamp } from './shared-scalars';

// Books tells the suite about billing contracts (topic books.contract, key: contract id) and invoices
// (topic books.invoice, key: invoice id, so an invoice's finalization and payment arrive in order).
// Amounts are decimal strings in the invoice's currency; Books keeps them as integer minor units.

const crmCompanyId = entityId.describe('The CRM company the billing account belongs to.');

export const booksContractActivated = defineEvent({
  type: 'books.contract.activated',
  version: 1,
  topic: 'books.contract',
  key: 'contractId',
  description: 'A billing contract set up from a won deal was approved (or activated by the org setting).',
  schema: z.object({
    contractId: entityId,
    billingAccountId: entityId,
    crmCompanyId,
    crmDealId: entityId,
    currency,
    mrr: money.describe('Monthly recurring revenue the contract bills.'),
    activatedBy: z.union([hubUserId, z.literal('auto')]),
    activatedAt: timestamp,
  }),
});

const invoiceData = {
  invoiceId: entityId,
  number: z.string().min(1).describe('Gapless per org, e.g. INV-000042.'),
  billingAccountId: entityId,
  crmCompanyId,
  currency,
  total: money,
};

export const booksInvoiceFinalized = defineEvent({
  type: 'books.invoice.finalized',
  version: 1,
  topic: 'books.invoice',
  key: 'invoiceId',
  description: 'An invoice was finalized (numbered, immutable): CRM shows it on the company timeline.',
  schema: z.object({
    ...invoiceData,
    contractId: entityId.nullable(),
    subtotal: money,
    tax: money,
    issuedOn: z.iso.date(),
    dueOn: z.iso.date(),
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    finalizedAt: timestamp,
  }),
});

export const booksInvoicePaid = defineEvent({
  type: 'books.invoice.paid',
  version: 1,
  topic: 'books.invoice',
  key: 'invoiceId',
  description: 'Payments covered an invoice in full.',
  schema: z.object({ ...invoiceData, paidAt: timestamp }),
});

export const booksEvents = [booksContractActivated, booksInvoiceFinalized, booksInvoicePaid] as const;
