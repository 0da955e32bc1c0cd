import { publish } from '@suite/bus';
import { type EventData, found, invalid, type toolsPaymentSucceeded } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { dayOf } from '../invoices/billing-period';
import { outstandingMinor } from '../invoices/invoice.view';
import { invoiceNumber } from '../invoices/invoice-number';
import { fromMinor, toMinor } from '../money/money';
import type { PaymentRecordInput, PaymentView } from './payment.schema';
import { invoiceOfReference } from './payment-reference';

function explain(view: Omit<PaymentView, 'explanation'>): string {
  const parts = view.applied.map((applied) =>
    applied.status === 'paid'
      ? `${applied.amount} paid ${applied.number} in full`
      : `${applied.amount} paid part of ${applied.number} (${applied.outstanding} still due)`,
  );
  if (view.unapplied !== fromMinor(0n, view.currency))
    parts.push(
      `${view.unapplied} is more than the open ${view.currency} invoices; kept as credit on the account`,
    );
  return `${view.amount} ${view.currency}: ${parts.join('; ') || 'nothing open'}.`;
}

async function paymentView(tx: OrgTransaction, paymentId: string): Promise<PaymentView> {
  const payment = found(
    await tx.booksPayment.findFirst({
      where: { id: paymentId },
      include: { allocations: { include: { invoice: true }, orderBy: { createdAt: 'asc' } } },
    }),
    `payment ${paymentId}`,
  );
  const money = (minor: bigint) => fromMinor(minor, payment.currency);
  const view = {
    paymentId: payment.id,
    amount: money(payment.amountMinor),
    currency: payment.currency,
    applied: payment.allocations.map(({ invoice, amountMinor }) => ({
      invoiceId: invoice.id,
      number: invoiceNumber(invoice.number ?? 0),
      amount: money(amountMinor),
      status: invoice.status,
      outstanding: money(outstandingMinor(invoice)),
    })),
    unapplied: money(payment.unappliedMinor),
  };
  return { ...view, explanation: explain(view) };
}

/** Money received, ready to apply: the account is known and the amount is in minor units above 0. */
interface ReceivedPayment {
  readonly billingAccount: { readonly id: string; readonly crmCompanyId: string };
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly receivedOn: Date;
  readonly reference: string | null;
  /** `manual`, or the tool layer's provider (`stripe`). */
  readonly source: string;
  readonly idempotencyKey: string;
  readonly recordedBy: string;
  /** The invoice the payer named; it is paid before the others. */
  readonly invoiceId?: string;
}

/**
 * Flow 4: a payment is applied to the client's open invoices of its currency, the one it names first,
 * then oldest due first. An invoice it covers becomes paid (`books.invoice.paid`); a partial payment
 * leaves the rest due; an overpayment stays on the payment as the account's credit.
 */
async function applyPayment(tx: OrgTransaction, received: ReceivedPayment): Promise<PaymentView> {
  const { billingAccount: account, invoiceId, ...fields } = received;
  // Row locks on the open invoices: two payments at once apply one after the other.
  const open = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "books"."invoice"
    WHERE "billing_account_id" = ${account.id}::uuid AND "status" = 'finalized' AND "currency" = ${received.currency}
    ORDER BY "id" FOR UPDATE`;
  const invoices = await tx.booksInvoice.findMany({
    where: { id: { in: open.map((row) => row.id) } },
    orderBy: [{ dueOn: 'asc' }, { number: 'asc' }],
  });
  const named = invoices.findIndex((invoice) => invoice.id === invoiceId);
  if (named > 0) invoices.unshift(...invoices.splice(named, 1));
  const payment = await tx.booksPayment.create({
    data: { ...fields, billingAccountId: account.id, unappliedMinor: received.amountMinor },
  });
  let left = received.amountMinor;
  for (const invoice of invoices) {
    const due = outstandingMinor(invoice);
    if (left === 0n) break;
    if (due === 0n) continue;
    const applied = left < due ? left : due;
    left -= applied;
    const paidAt = new Date();
    const paidInFull = applied === due;
    await tx.booksPaymentAllocation.create({
      data: { paymentId: payment.id, invoiceId: invoice.id, amountMinor: applied },
    });
    await tx.booksInvoice.update({
      where: { id: invoice.id },
      data: { paidMinor: { increment: applied }, ...(paidInFull && { status: 'paid', paidAt }) },
    });
    if (paidInFull)
      await publish(tx, {
        type: 'books.invoice.paid',
        data: {
          invoiceId: invoice.id,
          number: invoiceNumber(invoice.number ?? 0),
          billingAccountId: account.id,
          crmCompanyId: account.crmCompanyId,
          currency: invoice.currency,
          total: fromMinor(invoice.totalMinor, invoice.currency),
          paidAt: paidAt.toISOString(),
        },
      });
  }
  await tx.booksPayment.update({ where: { id: payment.id }, data: { unappliedMinor: left } });
  return paymentView(tx, payment.id);
}

/** A payment received by hand (bank transfer, cheque); the idempotency key records it once. */
export async function recordPayment(
  tx: OrgTransaction,
  input: PaymentRecordInput,
  recordedBy: string,
): Promise<PaymentView> {
  const repeated = await tx.booksPayment.findFirst({ where: { idempotencyKey: input.idempotencyKey } });
  if (repeated) return paymentView(tx, repeated.id);
  const amountMinor = toMinor(input.amount, input.currency, 'amount');
  if (amountMinor <= 0n) throw invalid(`amount: a payment is above 0, got ${input.amount}`, 'amount');
  const account = found(
    await tx.booksBillingAccount.findFirst({ where: { crmCompanyId: input.crmCompanyId } }),
    `billing account of company ${input.crmCompanyId}`,
  );
  return applyPayment(tx, {
    billingAccount: account,
    amountMinor,
    currency: input.currency,
    receivedOn: new Date(`${input.receivedOn}T00:00:00Z`),
    reference: input.reference ?? null,
    source: 'manual',
    idempotencyKey: input.idempotencyKey,
    recordedBy,
  });
}

export type ToolPaymentOutcome = { readonly recorded: PaymentView } | { readonly skipped: string };

/**
 * Flow 4 from the tool layer: a vendor's successful charge whose reference names one of this org's
 * invoices pays it (then the client's other open invoices, then credit). The vendor's payment id is the
 * idempotency key, so a redelivered event or a webhook the vendor sent twice records one payment.
 */
export async function recordToolPayment(
  tx: OrgTransaction,
  data: EventData<typeof toolsPaymentSucceeded>,
): Promise<ToolPaymentOutcome> {
  const invoiceId = invoiceOfReference(data.reference);
  if (!invoiceId) return { skipped: `reference ${JSON.stringify(data.reference)} names no Books invoice` };
  const idempotencyKey = `${data.provider}:${data.paymentId}`;
  const repeated = await tx.booksPayment.findFirst({ where: { idempotencyKey } });
  if (repeated) return { recorded: await paymentView(tx, repeated.id) };
  const invoice = await tx.booksInvoice.findFirst({
    where: { id: invoiceId },
    include: { billingAccount: true },
  });
  if (!invoice) return { skipped: `invoice ${invoiceId} is not one of this org's` };
  const amountMinor = toMinor(data.amount, data.currency, 'amount');
  if (amountMinor <= 0n) return { skipped: `amount ${data.amount} is not above 0` };
  const recorded = await applyPayment(tx, {
    billingAccount: invoice.billingAccount,
    amountMinor,
    currency: data.currency,
    receivedOn: dayOf(new Date(data.paidAt)),
    reference: data.reference,
    source: data.provider,
    idempotencyKey,
    recordedBy: `tools:${data.connectionId}`,
    invoiceId,
  });
  return { recorded };
}
