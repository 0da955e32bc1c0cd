import type { booksGlJournal } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';
import { isoDate } from '../invoices/billing-period';
import { invoiceNumber } from '../invoices/invoice-number';
import { fromMinor } from '../money/money';

type JournalInput = z.infer<typeof booksGlJournal.input>;
type Journal = z.infer<typeof booksGlJournal.output>;

const RECEIVABLES = { account: 'AR', accountName: 'Accounts receivable' };
const TAX = { account: 'TAX', accountName: 'Tax payable' };

/**
 * The key a ledger push (QuickBooks, Xero: a later tool-layer provider) sends with an invoice, so that
 * exporting or pushing the same invoice again never posts it twice.
 */
export const ledgerIdempotencyKey = (invoiceId: string) => `books-invoice:${invoiceId}`;

/**
 * Flow 6: the invoice journal of a period (invoices issued from `from` to `to`, UTC days): per invoice,
 * receivables debited its total, each GL account credited its lines (as snapshotted on the invoice) and
 * tax payable its tax; with the credits per account and currency. Debits equal credits per invoice.
 */
export async function glJournal(tx: OrgTransaction, input: JournalInput): Promise<Journal> {
  const invoices = await tx.booksInvoice.findMany({
    where: {
      status: { in: ['finalized', 'paid'] },
      issuedOn: { gte: new Date(`${input.from}T00:00:00Z`), lte: new Date(`${input.to}T00:00:00Z`) },
    },
    include: { lines: { orderBy: { position: 'asc' } }, billingAccount: { select: { crmCompanyId: true } } },
    orderBy: { number: 'asc' },
  });
  const totals = new Map<
    string,
    { account: string; accountName: string; currency: string; credit: bigint }
  >();
  const credit = (account: string, accountName: string, currency: string, amount: bigint) => {
    const key = `${account}\u0000${currency}`;
    const entry = totals.get(key) ?? { account, accountName, currency, credit: 0n };
    entry.credit += amount;
    totals.set(key, entry);
  };
  const entries = invoices.map((invoice) => {
    const money = (minor: bigint) => fromMinor(minor, invoice.currency);
    const byAccount = new Map<string, { accountName: string; amount: bigint }>();
    for (const line of invoice.lines) {
      const entry = byAccount.get(line.glAccountCode) ?? { accountName: line.glAccountName, amount: 0n };
      entry.amount += line.amountMinor;
      byAccount.set(line.glAccountCode, entry);
    }
    const income = [...byAccount.entries()].map(([account, { accountName, amount }]) => ({
      account,
      accountName,
      amount,
    }));
    if (invoice.taxMinor !== 0n) income.push({ ...TAX, amount: invoice.taxMinor });
    for (const posting of income)
      credit(posting.account, posting.accountName, invoice.currency, posting.amount);
    return {
      invoiceId: invoice.id,
      number: invoiceNumber(invoice.number ?? 0),
      issuedOn: isoDate(invoice.issuedOn ?? invoice.createdAt),
      crmCompanyId: invoice.billingAccount.crmCompanyId,
      currency: invoice.currency,
      idempotencyKey: ledgerIdempotencyKey(invoice.id),
      postings: [
        { ...RECEIVABLES, debit: money(invoice.totalMinor), credit: money(0n) },
        ...income.map((posting) => ({
          account: posting.account,
          accountName: posting.accountName,
          debit: money(0n),
          credit: money(posting.amount),
        })),
      ],
    };
  });
  return {
    entries,
    totals: [...totals.values()]
      .sort((a, b) => a.account.localeCompare(b.account) || a.currency.localeCompare(b.currency))
      .map((total) => ({ ...total, credit: fromMinor(total.credit, total.currency) })),
  };
}

const CSV_HEADER = [
  'date',
  'invoice',
  'company',
  'account',
  'account_name',
  'debit',
  'credit',
  'currency',
  'idempotency_key',
];

/** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The journal as CSV: one row per posting, ready for an accountant's import into QuickBooks or Xero. */
export async function glJournalCsv(
  tx: OrgTransaction,
  input: JournalInput,
): Promise<{ filename: string; csv: string }> {
  const { entries } = await glJournal(tx, input);
  const rows = entries.flatMap((entry) =>
    entry.postings.map((posting) => [
      entry.issuedOn,
      entry.number,
      entry.crmCompanyId,
      posting.account,
      posting.accountName,
      posting.debit,
      posting.credit,
      entry.currency,
      entry.idempotencyKey,
    ]),
  );
  const csv = [CSV_HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n');
  return { filename: `gl-journal-${input.from}-to-${input.to}.csv`, csv: `${csv}\r\n` };
}
