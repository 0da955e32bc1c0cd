import type { Prisma } from '@suite/db';
import { fromMinor } from '../money/money';
import { isoDate } from './billing-period';
import type { InvoiceView } from './invoice.schema';
import { creditNoteNumber, invoiceNumber } from './invoice-number';

export const invoiceInclude = {
  billingAccount: { select: { crmCompanyId: true } },
  lines: { orderBy: { position: 'asc' } },
  creditNotes: { orderBy: { number: 'asc' } },
} as const satisfies Prisma.BooksInvoiceInclude;

type InvoiceRow = Prisma.BooksInvoiceGetPayload<{ include: typeof invoiceInclude }>;

/** What is still owed: total less payments and credit notes, never below zero. */
export const outstandingMinor = (row: {
  totalMinor: bigint;
  paidMinor: bigint;
  creditedMinor: bigint;
}): bigint => {
  const left = row.totalMinor - row.paidMinor - row.creditedMinor;
  return left > 0n ? left : 0n;
};

export function invoiceView(row: InvoiceRow): InvoiceView {
  const money = (minor: bigint) => fromMinor(minor, row.currency);
  return {
    invoiceId: row.id,
    number: row.number === null ? null : invoiceNumber(row.number),
    status: row.status,
    billingAccountId: row.billingAccountId,
    crmCompanyId: row.billingAccount.crmCompanyId,
    contractId: row.contractId,
    currency: row.currency,
    subtotal: money(row.subtotalMinor),
    tax: money(row.taxMinor),
    total: money(row.totalMinor),
    paid: money(row.paidMinor),
    credited: money(row.creditedMinor),
    outstanding: money(row.status === 'void' ? 0n : outstandingMinor(row)),
    issuedOn: row.issuedOn && isoDate(row.issuedOn),
    dueOn: row.dueOn && isoDate(row.dueOn),
    finalizedAt: row.finalizedAt?.toISOString() ?? null,
    paidAt: row.paidAt?.toISOString() ?? null,
    lines: row.lines.map((line) => ({
      itemCode: line.itemCode,
      description: line.description,
      quantity: line.quantity.toString(),
      unitPrice: money(line.unitPriceMinor),
      amount: money(line.amountMinor),
      tax: money(line.taxMinor),
      periodStart: isoDate(line.periodStart),
      periodEnd: isoDate(line.periodEnd),
      daysBilled: line.daysBilled,
      daysInPeriod: line.daysInPeriod,
      glAccountCode: line.glAccountCode,
      glAccountName: line.glAccountName,
    })),
    creditNotes: row.creditNotes.map((note) => ({
      number: creditNoteNumber(note.number),
      amount: money(note.amountMinor),
      reason: note.reason,
    })),
  };
}
