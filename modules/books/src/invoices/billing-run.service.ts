import type { OrgTransaction } from '@suite/db';
import { lockContract } from '../contracts/contract.service';
import { lineAmount, lineTax, QUANTITY_SCALE } from '../money/money';
import { periodsDue } from './billing-period';
import { finalizeInvoice } from './invoice-finalize.service';

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

/**
 * Flow 3 for one contract, in the caller's transaction: every (line, period) due by `asOf` and not yet
 * billed goes on one new invoice, finalized at once. The contract's row lock and the unique
 * (contract line, period start) make a concurrent or repeated run find nothing left to bill; a crash
 * rolls back the invoice and its number together. Flagged lines (no GL account) are never billed.
 * Returns null when nothing was due.
 */
export async function billContract(
  tx: OrgTransaction,
  contractId: string,
  asOf: Date,
): Promise<ContractBilled | null> {
  await lockContract(tx, contractId);
  const contract = await tx.booksContract.findFirst({
    where: { id: contractId, status: { in: ['active', 'ended'] } },
    include: {
      billingAccount: true,
      lines: {
        where: { glAccountId: { not: null }, startsOn: { lte: asOf } },
        include: { glAccount: true, invoiceLines: { select: { periodStart: true } } },
        orderBy: [{ version: 'asc' }, { position: 'asc' }],
      },
    },
  });
  if (!contract) return null;
  const taxRateBp = contract.billingAccount.taxRateBp;
  const lines = contract.lines.flatMap((line) => {
    const billed = new Set(line.invoiceLines.map((invoiced) => invoiced.periodStart.getTime()));
    const quantity = BigInt(line.quantity.mul(Number(QUANTITY_SCALE)).toFixed(0));
    return periodsDue(line, asOf)
      .filter((period) => !billed.has(period.start.getTime()))
      .map((period) => {
        const amountMinor = lineAmount(quantity, line.unitPriceMinor, period.daysBilled, period.daysInPeriod);
        const glAccount = line.glAccount as NonNullable<typeof line.glAccount>;
        return {
          contractLineId: line.id,
          periodStart: period.start,
          periodEnd: period.end,
          daysBilled: period.daysBilled,
          daysInPeriod: period.daysInPeriod,
          itemCode: line.itemCode,
          description: line.description,
          quantity: line.quantity,
          unitPriceMinor: line.unitPriceMinor,
          amountMinor,
          taxRateBp,
          taxMinor: lineTax(amountMinor, taxRateBp),
          currency: line.currency,
          glAccountId: glAccount.id,
          glAccountCode: glAccount.code,
          glAccountName: glAccount.name,
        };
      });
  });
  if (lines.length === 0) return null;
  const invoice = await tx.booksInvoice.create({
    data: {
      billingAccountId: contract.billingAccountId,
      contractId: contract.id,
      currency: contract.currency,
      lines: { create: lines.map((line, position) => ({ ...line, position })) },
    },
  });
  const number = await finalizeInvoice(tx, invoice.id, asOf);
  return { invoiceId: invoice.id, number, lines: lines.length };
}
