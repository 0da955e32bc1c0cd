import { currency, entityId, money, timestamp } from '@suite/contracts';
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
