import { publish } from '@suite/bus';
import { found, invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { outstandingMinor } from '../invoices/invoice.view';
import { invoiceNumber } from '../invoices/invoice-number';
import { fromMinor, toMinor } from '../money/money';
import type { PaymentRecordInput, PaymentView } from './payment.schema';

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

/**
 * Flow 4: a payment is applied to the client's open invoices of its currency, oldest due first. An
 * invoice it covers becomes paid (`books.invoice.paid`); a partial payment leaves the rest due; an
 * overpayment stays on the payment as the account's credit. The idempotency key records it once.
 */
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
  // Row locks on the open invoices: two payments at once apply one after the other.
  const open = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "books"."invoice"
    WHERE "billing_account_id" = ${account.id}::uuid AND "status" = 'finalized' AND "currency" = ${input.currency}
    ORDER BY "due_on", "number" FOR UPDATE`;
  const invoices = await tx.booksInvoice.findMany({
    where: { id: { in: open.map((row) => row.id) } },
    orderBy: [{ dueOn: 'asc' }, { number: 'asc' }],
  });
  const payment = await tx.booksPayment.create({
    data: {
      billingAccountId: account.id,
      amountMinor,
      unappliedMinor: amountMinor,
      currency: input.currency,
      receivedOn: new Date(`${input.receivedOn}T00:00:00Z`),
      reference: input.reference ?? null,
      source: 'manual',
      idempotencyKey: input.idempotencyKey,
      recordedBy,
    },
  });
  let left = amountMinor;
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
