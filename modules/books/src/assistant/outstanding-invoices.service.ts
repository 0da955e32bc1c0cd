import { decodeOffset, pageOf } from '@suite/contracts';
import { type OrgTransaction, Prisma } from '@suite/db';
import { dayOf, daysBetween, isoDate } from '../invoices/billing-period';
import { invoiceNumber } from '../invoices/invoice-number';
import { fromMinor } from '../money/money';
import type { OutstandingInvoicesInput, OutstandingInvoicesView } from './assistant.schema';

interface InvoiceRow {
  id: string;
  number: number;
  crmCompanyId: string;
  companyName: string | null;
  currency: string;
  totalMinor: bigint;
  dueMinor: bigint;
  issuedOn: Date | null;
  dueOn: Date | null;
}

interface TotalRow {
  currency: string;
  invoices: number;
  dueMinor: bigint;
  overdueMinor: bigint;
}

/**
 * Finalized invoices that still owe something (total less payments and credit notes), soonest due
 * first, for one company or all; with the amounts due per currency over every page.
 */
export async function outstandingInvoices(
  tx: OrgTransaction,
  input: OutstandingInvoicesInput,
  now = new Date(),
): Promise<OutstandingInvoicesView> {
  const offset = decodeOffset(input.cursor);
  const today = dayOf(now);
  const company = input.crmCompanyId ?? null;
  const owing = Prisma.sql`
      FROM books.invoice i JOIN books.billing_account a ON a.id = i.billing_account_id
     WHERE i.status = 'finalized' AND i.total_minor - i.paid_minor - i.credited_minor > 0
       AND (${company}::uuid IS NULL OR a.crm_company_id = ${company}::uuid)
       AND (NOT ${input.overdueOnly} OR i.due_on < ${today}::date)`;
  const rows = await tx.$queryRaw<InvoiceRow[]>`
    SELECT i.id::text, i.number, a.crm_company_id::text AS "crmCompanyId", a.name AS "companyName",
           i.currency, i.total_minor AS "totalMinor",
           i.total_minor - i.paid_minor - i.credited_minor AS "dueMinor",
           i.issued_on AS "issuedOn", i.due_on AS "dueOn"
    ${owing}
    ORDER BY i.due_on NULLS LAST, i.number
    LIMIT ${input.limit + 1} OFFSET ${offset}`;
  const totals = await tx.$queryRaw<TotalRow[]>`
    SELECT i.currency, count(*)::int AS invoices,
           sum(i.total_minor - i.paid_minor - i.credited_minor)::bigint AS "dueMinor",
           COALESCE(sum(i.total_minor - i.paid_minor - i.credited_minor)
                    FILTER (WHERE i.due_on < ${today}::date), 0)::bigint AS "overdueMinor"
    ${owing}
    GROUP BY i.currency ORDER BY i.currency`;
  const items = rows.map((row) => ({
    invoiceId: row.id,
    number: invoiceNumber(row.number),
    crmCompanyId: row.crmCompanyId,
    companyName: row.companyName,
    currency: row.currency,
    total: fromMinor(row.totalMinor, row.currency),
    outstanding: fromMinor(row.dueMinor, row.currency),
    issuedOn: row.issuedOn && isoDate(row.issuedOn),
    dueOn: row.dueOn && isoDate(row.dueOn),
    daysOverdue: row.dueOn && row.dueOn < today ? daysBetween(row.dueOn, today) - 1 : 0,
  }));
  return {
    asOf: isoDate(today),
    ...pageOf(items, offset, input.limit),
    totals: totals.map((total) => ({
      currency: total.currency,
      invoices: total.invoices,
      outstanding: fromMinor(total.dueMinor, total.currency),
      overdue: fromMinor(total.overdueMinor, total.currency),
    })),
  };
}
