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

/**
 * draft → finalized in one step of the caller's transaction: totals from the lines (each rounded
 * already, summed exactly, one currency), the next gapless number under the org's lock, issue and due
 * dates, and `books.invoice.finalized`. A rollback takes the number back with the invoice. From here the
 * invoice is immutable; corrections are credit notes.
 */
export async function issueInvoice(
  tx: OrgTransaction,
  draft: DraftInvoice,
  issuedOn: Date,
): Promise<{ invoiceId: string; number: number }> {
  const subtotalMinor = sumOneCurrency([{ amountMinor: 0n, currency: draft.currency }, ...draft.lines]);
  const taxMinor = draft.lines.reduce((total, line) => total + line.taxMinor, 0n);
  const totalMinor = subtotalMinor + taxMinor;
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
      subtotalMinor,
      taxMinor,
      totalMinor,
      issuedOn,
      dueOn,
      finalizedAt,
      lines: { createMany: { data: draft.lines.map((line, position) => ({ ...line, position })) } },
    },
    select: { id: true },
  });
  const money = (minor: bigint) => fromMinor(minor, draft.currency);
  const starts = draft.lines.map((line) => line.periodStart.getTime());
  const ends = draft.lines.map((line) => line.periodEnd.getTime());
  await publish(tx, {
    type: 'books.invoice.finalized',
    data: {
      invoiceId: invoice.id,
      number: invoiceNumber(number),
      billingAccountId: draft.billingAccount.id,
      crmCompanyId: draft.billingAccount.crmCompanyId,
      contractId: draft.contractId,
      currency: draft.currency,
      subtotal: money(subtotalMinor),
      tax: money(taxMinor),
      total: money(totalMinor),
      issuedOn: isoDate(issuedOn),
      dueOn: isoDate(dueOn),
      periodStart: isoDate(new Date(Math.min(...starts))),
      periodEnd: isoDate(new Date(Math.max(...ends))),
      finalizedAt: finalizedAt.toISOString(),
    },
  });
  return { invoiceId: invoice.id, number };
}
