import { publish } from '@suite/bus';
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

/** Publishes `books.invoice.finalized` in the caller's transaction. */
export async function announceFinalized(tx: OrgTransaction, invoice: FinalizedInvoice): Promise<void> {
  const money = (minor: bigint) => fromMinor(minor, invoice.currency);
  const starts = invoice.lines.map((line) => line.periodStart.getTime());
  const ends = invoice.lines.map((line) => line.periodEnd.getTime());
  await publish(tx, {
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
  });
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
 * draft → finalized in one step of the caller's transaction: totals from the lines, the next gapless
 * number under the org's lock, issue and due dates, and `books.invoice.finalized`. A rollback takes the
 * number back with the invoice. From here the invoice is immutable; corrections are credit notes.
 */
export async function issueInvoice(
  tx: OrgTransaction,
  draft: DraftInvoice,
  issuedOn: Date,
): Promise<{ invoiceId: string; number: number }> {
  const totals = invoiceTotals(draft.currency, draft.lines);
  const number = await nextNumber(tx, 'invoice');
  const finalizedAt = new Date();
  const dueOn = addDays(issuedOn, draft.billingAccount.paymentTermsDays);
  const invoice = await tx.booksInvoice.create({
    data: {
      billingAccountId: draft.billingAccount.id,
      contractId: draft.contractId,
      currency: draft.currency,
      status: 'finalized',
      number,
      ...totals,
      issuedOn,
      dueOn,
      finalizedAt,
      lines: { createMany: { data: draft.lines.map((line, position) => ({ ...line, position })) } },
    },
    select: { id: true },
  });
  await announceFinalized(tx, {
    ...draft,
    ...totals,
    invoiceId: invoice.id,
    number,
    issuedOn,
    dueOn,
    finalizedAt,
  });
  return { invoiceId: invoice.id, number };
}
