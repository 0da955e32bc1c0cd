import { currency, entityId, money, text } from '@suite/contracts';
import { z } from 'zod';

export const paymentRecordInput = z.object({
  crmCompanyId: entityId.describe('The client who paid.'),
  amount: z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal amount like "1234.50"'),
  currency,
  receivedOn: z.iso.date(),
  reference: text(200, { min: 1 }).optional(),
  idempotencyKey: z
    .string()
    .min(8)
    .max(200)
    .describe('The same key records the payment once however often the request is retried.'),
});
export type PaymentRecordInput = z.infer<typeof paymentRecordInput>;

export const paymentView = z.object({
  paymentId: entityId,
  amount: money,
  currency,
  applied: z.array(
    z.object({
      invoiceId: entityId,
      number: z.string(),
      amount: money,
      status: z.string(),
      outstanding: money,
    }),
  ),
  unapplied: money.describe('What no open invoice took: kept as credit on the billing account.'),
  explanation: z.string(),
});
export type PaymentView = z.infer<typeof paymentView>;
