import { randomUUID } from 'node:crypto';
import { publishMany } from '@suite/bus';
import type { booksInvoiceFinalized, EventData } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { fromMinor, sumOneCurrency } from '../money/money';
import { nextNumber } from '../settings/settings.service';
import { addDays, isoDate } from './billing-period';
import { invoiceNumber } from './invoice-number';

export interface DraftLine {
  readonly contractLineId: string | null;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly daysBilled: number;
  readonly daysInPeriod: number;
  readonly itemCode: string;
  readonly description: string;
  readonly quantity: string;
  readonly unitPriceMinor: bigint;
  readonly amountMinor: bigint;
  readonly taxRateBp: number;
  readonly taxMinor: bigint;
  readonly currency: string;
  readonly glAccountId: string;
  readonly glAccountCode: string;
  readonly glAccountName: string;
}

export interface DraftInvoice {
  readonly billingAccount: { id: string; crmCompanyId: string; paymentTermsDays: number };
  readonly contractId: string | null;
  readonly currency: string;
  readonly lines: readonly DraftLine[];
}

/** What `books.invoice.finalized` tells about an invoice just given its number. */
export interface FinalizedInvoice {
  readonly invoiceId: string;
  readonly number: number;
  readonly billingAccount: { id: string; crmCompanyId: string };
  readonly contractId: string | null;
  readonly currency: string;
  readonly subtotalMinor: bigint;
  readonly taxMinor: bigint;
  readonly issuedOn: Date;
  readonly dueOn: Date;
  readonly finalizedAt: Date;
  readonly lines: readonly { periodStart: Date; periodEnd: Date }[];
}

/** `books.invoice.finalized` of an invoice just given its number. */
export function finalizedEvent(invoice: FinalizedInvoice): {
  type: 'books.invoice.finalized';
  data: EventData<typeof booksInvoiceFinalized>;
} {
  const money = (minor: bigint) => fromMinor(minor, invoice.currency);
  const starts = invoice.lines.map((line) => line.periodStart.getTime());
  const ends = invoice.lines.map((line) => line.periodEnd.getTime());
  return {
    type: 'books.invoice.finalized',
    data: {
      invoiceId: invoice.invoiceId,
      number: invoiceNumber(invoice.number),
      billingAccountId: invoice.billingAccount.id,
      crmCompanyId: invoice.billingAccount.crmCompanyId,
      contractId: invoice.contractId,
      currency: invoice.currency,
      subtotal: money(invoice.subtotalMinor),
      tax: money(invoice.taxMinor),
      total: money(invoice.subtotalMinor + invoice.taxMinor),
      issuedOn: isoDate(invoice.issuedOn),
      dueOn: isoDate(invoice.dueOn),
      periodStart: isoDate(new Date(Math.min(...starts))),
      periodEnd: isoDate(new Date(Math.max(...ends))),
      finalizedAt: invoice.finalizedAt.toISOString(),
    },
  };
}

/** Totals of lines each rounded already: summed exactly, in one currency. */
export function invoiceTotals(
  currency: string,
  lines: readonly { amountMinor: bigint; taxMinor: bigint; currency: string }[],
): { subtotalMinor: bigint; taxMinor: bigint; totalMinor: bigint } {
  const subtotalMinor = sumOneCurrency([{ amountMinor: 0n, currency }, ...lines]);
  const taxMinor = lines.reduce((total, line) => total + line.taxMinor, 0n);
  return { subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor };
}

/**
 * Drafts → finalized invoices in a fixed number of statements of the caller's transaction, however many:
 * totals from the lines, the next gapless numbers under the org's lock (in the drafts' order), issue and
 * due dates, the invoices, their lines and a `books.invoice.finalized` each. A rollback takes the numbers
 * back with the invoices. From here an invoice is immutable; corrections are credit notes.
 */
export async function issueInvoices(
  tx: OrgTransaction,
  drafts: readonly DraftInvoice[],
  issuedOn: Date,
): Promise<{ invoiceId: string; number: number }[]> {
  if (drafts.length === 0) return [];
  const first = await nextNumber(tx, 'invoice', drafts.length);
  const finalizedAt = new Date();
  const issued = drafts.map((draft, index) => ({
    ...draft,
    ...invoiceTotals(draft.currency, draft.lines),
    invoiceId: randomUUID(),
    number: first + index,
    issuedOn,
    dueOn: addDays(issuedOn, draft.billingAccount.paymentTermsDays),
    finalizedAt,
  }));
  await tx.booksInvoice.createMany({
    data: issued.map((invoice) => ({
      id: invoice.invoiceId,
      billingAccountId: invoice.billingAccount.id,
      contractId: invoice.contractId,
      currency: invoice.currency,
      status: 'finalized' as const,
      number: invoice.number,
      subtotalMinor: invoice.subtotalMinor,
      taxMinor: invoice.taxMinor,
      totalMinor: invoice.totalMinor,
      issuedOn,
      dueOn: invoice.dueOn,
      finalizedAt,
    })),
  });
  await tx.booksInvoiceLine.createMany({
    data: issued.flatMap((invoice) =>
      invoice.lines.map((line, position) => ({ ...line, invoiceId: invoice.invoiceId, position })),
    ),
  });
  await publishMany(tx, issued.map(finalizedEvent));
  return issued.map(({ invoiceId, number }) => ({ invoiceId, number }));
}
