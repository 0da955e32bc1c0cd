import type { OrgTransaction } from '@suite/db';
import { lockContract } from '../contracts/contract.service';
import { lineAmount, lineTax, scaledQuantity } from '../money/money';
import { type Cadence, periodsDue } from './billing-period';
import { type DraftLine, issueInvoice } from './invoice-finalize.service';

export interface ContractBilled {
  readonly invoiceId: string;
  readonly number: number;
  readonly lines: number;
}

/** Contracts the billing run looks at: approved ones, and ended ones that may still owe their last days. */
export async function billableContractIds(tx: OrgTransaction): Promise<string[]> {
  const rows = await tx.booksContract.findMany({
    where: { status: { in: ['active', 'ended'] } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((row) => row.id);
}

interface BillableLine {
  id: string;
  item_code: string;
  description: string;
  quantity: string;
  unit_price_minor: bigint;
  currency: string;
  cadence: Cadence;
  starts_on: Date;
  ends_on: Date | null;
  gl_account_id: string;
  gl_account_code: string;
  gl_account_name: string;
  billed: Date[];
  billing_account_id: string;
  crm_company_id: string;
  tax_rate_bp: number;
  payment_terms_days: number;
  contract_currency: string;
}

/** The contract's lines that have a GL account and have started, with the period starts already billed. */
function billableLines(tx: OrgTransaction, contractId: string, asOf: Date): Promise<BillableLine[]> {
  return tx.$queryRaw<BillableLine[]>`
    SELECT l."id", l."item_code", l."description", l."quantity"::text AS "quantity", l."unit_price_minor",
           l."currency", l."cadence"::text AS "cadence", l."starts_on", l."ends_on",
           g."id" AS "gl_account_id", g."code" AS "gl_account_code", g."name" AS "gl_account_name",
           ARRAY(SELECT il."period_start" FROM "books"."invoice_line" il WHERE il."contract_line_id" = l."id") AS "billed",
           a."id" AS "billing_account_id", a."crm_company_id", a."tax_rate_bp", a."payment_terms_days",
           c."currency" AS "contract_currency"
    FROM "books"."contract" c
    JOIN "books"."billing_account" a ON a."id" = c."billing_account_id"
    JOIN "books"."contract_line" l ON l."contract_id" = c."id"
    JOIN "books"."gl_account" g ON g."id" = l."gl_account_id"
    WHERE c."id" = ${contractId}::uuid AND c."status" IN ('active', 'ended') AND l."starts_on" <= ${asOf}::date
    ORDER BY l."version", l."position"`;
}

/**
 * Flow 3 for one contract, in the caller's transaction: every (line, period) due by `asOf` and not yet
 * billed goes on one new invoice, finalized at once. The contract's row lock (taken before reading what
 * was billed) and the unique (contract line, period start) make a concurrent or repeated run find
 * nothing left to bill; a crash rolls back the invoice and its number together. Flagged lines (no GL
 * account) are never billed. Returns null when nothing was due.
 */
export async function billContract(
  tx: OrgTransaction,
  contractId: string,
  asOf: Date,
): Promise<ContractBilled | null> {
  await lockContract(tx, contractId);
  const rows = await billableLines(tx, contractId, asOf);
  const lines: DraftLine[] = rows.flatMap((line) => {
    const billed = new Set(line.billed.map((start) => start.getTime()));
    const quantity = scaledQuantity(line.quantity, 'quantity');
    const due = periodsDue({ cadence: line.cadence, startsOn: line.starts_on, endsOn: line.ends_on }, asOf);
    return due
      .filter((period) => !billed.has(period.start.getTime()))
      .map((period) => {
        const amountMinor = lineAmount(
          quantity,
          line.unit_price_minor,
          period.daysBilled,
          period.daysInPeriod,
        );
        return {
          contractLineId: line.id,
          periodStart: period.start,
          periodEnd: period.end,
          daysBilled: period.daysBilled,
          daysInPeriod: period.daysInPeriod,
          itemCode: line.item_code,
          description: line.description,
          quantity: line.quantity,
          unitPriceMinor: line.unit_price_minor,
          amountMinor,
          taxRateBp: line.tax_rate_bp,
          taxMinor: lineTax(amountMinor, line.tax_rate_bp),
          currency: line.currency,
          glAccountId: line.gl_account_id,
          glAccountCode: line.gl_account_code,
          glAccountName: line.gl_account_name,
        };
      });
  });
  const first = rows[0];
  if (!first || lines.length === 0) return null;
  const billed = await issueInvoice(
    tx,
    {
      billingAccount: {
        id: first.billing_account_id,
        crmCompanyId: first.crm_company_id,
        paymentTermsDays: first.payment_terms_days,
      },
      contractId,
      currency: first.contract_currency,
      lines,
    },
    asOf,
  );
  return { ...billed, lines: lines.length };
}
