import { conflict, invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { fromMinor, lineAmount, lineTax, QUANTITY_SCALE, toMinor } from '../money/money';
import { nextNumber } from '../settings/settings.service';
import { daysBetween } from './billing-period';
import type { CreditNoteCreateInput, InvoiceView } from './invoice.schema';
import { getInvoice, lockedInvoice } from './invoice.service';
import { outstandingMinor } from './invoice.view';

/**
 * After a contract's lines ended earlier than periods already invoiced (churn, a new version), credits
 * each finalized invoice the days it billed beyond the end: a credit note per invoice, for what its lines
 * billed minus what they bill now (amount and tax, rounded per line as on the invoice), less what was
 * credited before. Running it again credits nothing more.
 */
export async function creditEndedLines(
  tx: OrgTransaction,
  contractId: string,
  reason: string,
): Promise<number> {
  const billed = await tx.booksInvoiceLine.findMany({
    where: {
      contractLine: { contractId, endsOn: { not: null } },
      invoice: { status: { in: ['finalized', 'paid'] } },
    },
    include: { contractLine: true, invoice: true },
  });
  const overBilled = new Map<string, { invoice: (typeof billed)[number]['invoice']; amount: bigint }>();
  for (const line of billed) {
    const contractLine = line.contractLine;
    if (!contractLine?.endsOn || contractLine.endsOn >= line.periodEnd) continue;
    const from = contractLine.startsOn > line.periodStart ? contractLine.startsOn : line.periodStart;
    const days = Math.max(0, daysBetween(from, contractLine.endsOn));
    const quantity = BigInt(line.quantity.mul(Number(QUANTITY_SCALE)).toFixed(0));
    const amount = lineAmount(quantity, line.unitPriceMinor, days, line.daysInPeriod);
    const owed = amount + lineTax(amount, line.taxRateBp);
    const entry = overBilled.get(line.invoiceId) ?? { invoice: line.invoice, amount: 0n };
    entry.amount += line.amountMinor + line.taxMinor - owed;
    overBilled.set(line.invoiceId, entry);
  }
  let notes = 0;
  for (const { invoice, amount } of overBilled.values()) {
    const credit = amount - invoice.creditedMinor;
    if (credit <= 0n) continue;
    await tx.booksCreditNote.create({
      data: {
        invoiceId: invoice.id,
        number: await nextNumber(tx, 'credit_note'),
        amountMinor: credit,
        currency: invoice.currency,
        reason,
        createdBy: 'books',
      },
    });
    await tx.booksInvoice.update({
      where: { id: invoice.id },
      data: { creditedMinor: { increment: credit } },
    });
    notes += 1;
  }
  return notes;
}

/**
 * A credit note staff issue against a finalized invoice (a discount agreed later, a disputed line): at
 * most what is still due, gaplessly numbered. The idempotency key makes a retried request one note.
 */
export async function issueCreditNote(
  tx: OrgTransaction,
  input: CreditNoteCreateInput,
  createdBy: string,
): Promise<InvoiceView> {
  const invoice = await lockedInvoice(tx, input.invoiceId);
  if (await tx.booksCreditNote.findFirst({ where: { idempotencyKey: input.idempotencyKey } }))
    return getInvoice(tx, invoice.id);
  if (invoice.status !== 'finalized')
    throw conflict(
      `invoice ${invoice.id} is ${invoice.status}; credit notes correct finalized invoices that still owe something`,
    );
  const amountMinor = toMinor(input.amount, invoice.currency, 'amount');
  const due = outstandingMinor(invoice);
  if (amountMinor <= 0n || amountMinor > due)
    throw invalid(
      `amount: a credit note is above 0 and at most the ${fromMinor(due, invoice.currency)} ${invoice.currency} still due, got ${input.amount}`,
      'amount',
    );
  await tx.booksCreditNote.create({
    data: {
      invoiceId: invoice.id,
      number: await nextNumber(tx, 'credit_note'),
      amountMinor,
      currency: invoice.currency,
      reason: input.reason,
      createdBy,
      idempotencyKey: input.idempotencyKey,
    },
  });
  await tx.booksInvoice.update({
    where: { id: invoice.id },
    data: { creditedMinor: { increment: amountMinor } },
  });
  return getInvoice(tx, invoice.id);
}
