import { publish } from '@suite/bus';
import { conflict, found } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { fromMinor, sumOneCurrency } from '../money/money';
import { nextNumber } from '../settings/settings.service';
import { addDays, isoDate } from './billing-period';
import { invoiceNumber } from './invoice-number';

/**
 * draft → finalized: totals from the lines (each rounded already, summed exactly, one currency), the
 * next gapless number under the org's lock, issue and due dates, and `books.invoice.finalized` in the
 * same transaction. From here the invoice is immutable; corrections are credit notes.
 */
export async function finalizeInvoice(
  tx: OrgTransaction,
  invoiceId: string,
  issuedOn: Date,
): Promise<number> {
  const invoice = found(
    await tx.booksInvoice.findFirst({
      where: { id: invoiceId },
      include: { lines: true, billingAccount: true },
    }),
    `invoice ${invoiceId}`,
  );
  if (invoice.status !== 'draft')
    throw conflict(`invoice ${invoiceId} is ${invoice.status}; only a draft can be finalized`);
  if (invoice.lines.length === 0)
    throw conflict(`invoice ${invoiceId} has no lines; add one before finalizing`);
  const subtotalMinor = sumOneCurrency([{ amountMinor: 0n, currency: invoice.currency }, ...invoice.lines]);
  const taxMinor = invoice.lines.reduce((total, line) => total + line.taxMinor, 0n);
  const totalMinor = subtotalMinor + taxMinor;
  const number = await nextNumber(tx, 'invoice');
  const finalizedAt = new Date();
  const dueOn = addDays(issuedOn, invoice.billingAccount.paymentTermsDays);
  await tx.booksInvoice.update({
    where: { id: invoiceId },
    data: { status: 'finalized', number, subtotalMinor, taxMinor, totalMinor, issuedOn, dueOn, finalizedAt },
  });
  const periods = invoice.lines.map((line) => line.periodStart.getTime());
  const ends = invoice.lines.map((line) => line.periodEnd.getTime());
  const money = (minor: bigint) => fromMinor(minor, invoice.currency);
  await publish(tx, {
    type: 'books.invoice.finalized',
    data: {
      invoiceId,
      number: invoiceNumber(number),
      billingAccountId: invoice.billingAccountId,
      crmCompanyId: invoice.billingAccount.crmCompanyId,
      contractId: invoice.contractId,
      currency: invoice.currency,
      subtotal: money(subtotalMinor),
      tax: money(taxMinor),
      total: money(totalMinor),
      issuedOn: isoDate(issuedOn),
      dueOn: isoDate(dueOn),
      periodStart: isoDate(new Date(Math.min(...periods))),
      periodEnd: isoDate(new Date(Math.max(...ends))),
      finalizedAt: finalizedAt.toISOString(),
    },
  });
  return number;
}
