import { entityId, text } from '@suite/contracts';
import { z } from 'zod';

export const payNowView = z.object({
  payNow: z
    .boolean()
    .describe('Whether a payment vendor with a hosted checkout is connected, so invoices show Pay Now.'),
});
export const checkoutInvoiceInput = z.object({
  invoiceId: entityId,
  attemptId: entityId.describe('Made by the page per payment attempt: a second press sends the same one.'),
});
export const invoiceCheckoutView = z.object({
  invoiceId: entityId,
  checkoutUrl: z.url().describe("The payment vendor's hosted page to send the client to."),
});
export const payInvoiceInput = z.object({
  invoiceId: entityId,
  attemptId: entityId.describe('Made by the page per payment attempt: a second press sends the same one.'),
  paymentMethod: text(200, { min: 1 }).describe("The card token the payment vendor's card field gave."),
});
export const invoicePaymentView = z.object({
  invoiceId: entityId,
  chargeId: z.string(),
  status: z.string(),
});

export type PayNowView = z.infer<typeof payNowView>;
export type CheckoutInvoiceInput = z.infer<typeof checkoutInvoiceInput>;
export type InvoiceCheckoutView = z.infer<typeof invoiceCheckoutView>;
export type PayInvoiceInput = z.infer<typeof payInvoiceInput>;
export type InvoicePaymentView = z.infer<typeof invoicePaymentView>;
