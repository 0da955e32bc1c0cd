import { currency, entityId, money, text, timestamp } from '@suite/contracts';
import { z } from 'zod';

export const invoiceStatus = z.enum(['draft', 'finalized', 'paid', 'void']);

export const invoiceListInput = z
  .object({
    crmCompanyId: entityId.optional(),
    status: invoiceStatus.optional(),
    contractId: entityId.optional(),
  })
  .default({});

export const byInvoiceId = z.object({ invoiceId: entityId });

export const invoiceView = z.object({
  invoiceId: entityId,
  number: z.string().nullable().describe('INV-000042; null while draft.'),
  status: invoiceStatus,
  billingAccountId: entityId,
  crmCompanyId: entityId,
  contractId: entityId.nullable(),
  currency,
  subtotal: money,
  tax: money,
  total: money,
  paid: money,
  credited: money,
  outstanding: money,
  issuedOn: z.iso.date().nullable(),
  dueOn: z.iso.date().nullable(),
  finalizedAt: timestamp.nullable(),
  paidAt: timestamp.nullable(),
  lines: z.array(
    z.object({
      itemCode: z.string(),
      description: z.string(),
      quantity: z.string(),
      unitPrice: money,
      amount: money,
      tax: money,
      periodStart: z.iso.date(),
      periodEnd: z.iso.date(),
      daysBilled: z.number().int(),
      daysInPeriod: z.number().int(),
      glAccountCode: z.string(),
      glAccountName: z.string(),
    }),
  ),
  creditNotes: z.array(z.object({ number: z.string(), amount: money, reason: z.string() })),
});
export type InvoiceView = z.infer<typeof invoiceView>;

const idempotencyKey = z
  .string()
  .min(8)
  .max(200)
  .describe('The same key makes the change once however often the request is retried.');
/**
 * Amounts are the suite's `money` (0 or more, at most 999999999999.99), refused at the edge before any
 * lookup; the service still refuses, naming the field, more fraction digits than the currency has.
 */
const amount = money;
/** Above 0 and at most a million, with at most 4 decimals, as a number or a decimal string. */
const lineQuantity = z
  .union([z.number(), z.string()])
  .refine(
    (value) => /^\d{1,7}(\.\d{1,4})?$/.test(String(value)) && Number(value) > 0 && Number(value) <= 1_000_000,
    'expected a quantity above 0 and at most 1000000, with at most 4 decimals',
  );

export const invoiceCreateInput = z.object({
  crmCompanyId: entityId.describe('The client billed; its billing account must exist.'),
  currency,
  lines: z
    .array(
      z.object({
        itemCode: text(64, { min: 1 }),
        description: text(500, { min: 1 }),
        quantity: lineQuantity,
        unitPrice: amount.describe("In the invoice's currency, 0 or more."),
      }),
    )
    .min(1)
    .max(200),
  idempotencyKey,
});
export type InvoiceCreateInput = z.infer<typeof invoiceCreateInput>;

export const creditNoteCreateInput = byInvoiceId.extend({
  amount: amount.describe('Tax included; at most what is still due on the invoice.'),
  reason: text(500, { min: 1 }),
  idempotencyKey,
});
export type CreditNoteCreateInput = z.infer<typeof creditNoteCreateInput>;
