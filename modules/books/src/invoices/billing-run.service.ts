import type { OrgTransaction } from '@suite/db';
import { lineAmount, lineTax, scaledQuantity } from '../money/money';
import { type Cadence, periodsDue } from './billing-period';
import { type DraftInvoice, type DraftLine, issueInvoices } from './invoice-finalize.service';

/** Contracts billed in one transaction of the billing run. */
export const BILLING_BATCH = 50;

export interface BatchBilled {
  /** The last contract of the batch: the next batch starts after it. */
  readonly lastContractId: string;
  readonly invoices: number;
  readonly lines: number;
}

/**
 * Locks the next `BILLING_BATCH` contracts the billing run looks at (approved ones, and ended ones that
 * may still owe their last days) after `afterId`, in id order, so two runs lock in the same order and
 * the second waits for the first.
 */
async function lockBatch(tx: OrgTransaction, afterId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id"::text FROM "books"."contract"
    WHERE "status" IN ('active', 'ended') AND "id" > ${afterId}::uuid
    ORDER BY "id" LIMIT ${BILLING_BATCH} FOR UPDATE`;
  return rows.map((row) => row.id);
}

interface BillableLine {
  contract_id: string;
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

/** The contracts' lines that have a GL account and have started, with the period starts already billed. */
function billableLines(tx: OrgTransaction, contractIds: string[], asOf: Date): Promise<BillableLine[]> {
  return tx.$queryRaw<BillableLine[]>`
    SELECT c."id"::text AS "contract_id", l."id", l."item_code", l."description", l."quantity"::text AS "quantity", l."unit_price_minor",
           l."currency", l."cadence"::text AS "cadence", l."starts_on", l."ends_on",
           g."id" AS "gl_account_id", g."code" AS "gl_account_code", g."name" AS "gl_account_name",
           ARRAY(SELECT il."period_start" FROM "books"."invoice_line" il WHERE il."contract_line_id" = l."id") AS "billed",
           a."id" AS "billing_account_id", a."crm_company_id", a."tax_rate_bp", a."payment_terms_days",
           c."currency" AS "contract_currency"
    FROM unnest(${contractIds}::uuid[]) AS batch("id")
    JOIN "books"."contract" c ON c."id" = batch."id"
    JOIN "books"."billing_account" a ON a."id" = c."billing_account_id"
    JOIN "books"."contract_line" l ON l."contract_id" = c."id"
    JOIN "books"."gl_account" g ON g."id" = l."gl_account_id"
    WHERE l."starts_on" <= ${asOf}::date
    ORDER BY c."id", l."version", l."position"`;
}

/** The (line, period)s due by `asOf` that were not billed yet, priced per day and rounded per line. */
function dueLines(line: BillableLine, asOf: Date): DraftLine[] {
  const billed = new Set(line.billed.map((start) => start.getTime()));
  const quantity = scaledQuantity(line.quantity, 'quantity');
  const due = periodsDue({ cadence: line.cadence, startsOn: line.starts_on, endsOn: line.ends_on }, asOf);
  return due
    .filter((period) => !billed.has(period.start.getTime()))
    .map((period) => {
      const amountMinor = lineAmount(quantity, line.unit_price_minor, period.daysBilled, period.daysInPeriod);
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
}

/** One draft invoice per contract that has something due, in the contracts' order. */
function draftsOf(rows: readonly BillableLine[], asOf: Date): DraftInvoice[] {
  const drafts = new Map<string, DraftInvoice & { lines: DraftLine[] }>();
  for (const row of rows) {
    const lines = dueLines(row, asOf);
    if (lines.length === 0) continue;
    const draft = drafts.get(row.contract_id) ?? {
      billingAccount: {
        id: row.billing_account_id,
        crmCompanyId: row.crm_company_id,
        paymentTermsDays: row.payment_terms_days,
      },
      contractId: row.contract_id,
      currency: row.contract_currency,
      lines: [],
    };
    draft.lines.push(...lines);
    drafts.set(row.contract_id, draft);
  }
  return [...drafts.values()];
}

/**
 * Flow 3 for the next batch of contracts after `afterId`, in the caller's transaction and a fixed number
 * of statements: every (line, period) due by `asOf` and not yet billed goes on its contract's new
 * invoice, finalized at once. The contracts' row locks (taken before reading what was billed) and the
 * unique (contract line, period start) make a concurrent or repeated run find nothing left to bill; a
 * crash rolls back the batch's invoices and numbers together. Flagged lines (no GL account) are never
 * billed. Returns null when no contract is left after `afterId`.
 */
export async function billBatch(
  tx: OrgTransaction,
  afterId: string,
  asOf: Date,
): Promise<BatchBilled | null> {
  const contractIds = await lockBatch(tx, afterId);
  const lastContractId = contractIds.at(-1);
  if (!lastContractId) return null;
  const drafts = draftsOf(await billableLines(tx, contractIds, asOf), asOf);
  await issueInvoices(tx, drafts, asOf);
  const lines = drafts.reduce((total, draft) => total + draft.lines.length, 0);
  return { lastContractId, invoices: drafts.length, lines };
}
