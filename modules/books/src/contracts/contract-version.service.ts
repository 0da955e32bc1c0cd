import { createHash } from 'node:crypto';
import { conflict, found, invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { addDays, dayOf } from '../invoices/billing-period';
import { creditEndedLines } from '../invoices/credit-note.service';
import { divideRounded, lineAmount, QUANTITY_SCALE } from '../money/money';
import type { ContractReviseInput, ContractView } from './contract.schema';
import { getContract, lockContract } from './contract.service';
import { createVersionLines, type NewLine, refuseLinesBadInAnyCurrency } from './contract-line.service';
import { applyPsaTerm } from './contract-term.service';

const MONTHS_PER_PERIOD = { one_off: 0, monthly: 1, quarterly: 3, annual: 12 } as const;

/** Monthly recurring revenue of a version's lines: each recurring line's amount per month, rounded per line. */
async function mrrOfVersion(tx: OrgTransaction, contractId: string, version: number): Promise<bigint> {
  const lines = await tx.booksContractLine.findMany({ where: { contractId, version } });
  return lines.reduce((total, line) => {
    const months = MONTHS_PER_PERIOD[line.cadence];
    if (months === 0) return total;
    const quantity = BigInt(line.quantity.mul(Number(QUANTITY_SCALE)).toFixed(0));
    return total + divideRounded(lineAmount(quantity, line.unitPriceMinor), BigInt(months));
  }, 0n);
}

export interface VersionChange {
  readonly contractId: string;
  readonly effectiveFrom: Date;
  readonly lines: readonly NewLine[];
  readonly reason: string;
  /** What caused it (`crm.deal.updated:<event id>`, `staff:<request>`): each source applies once. */
  readonly sourceKey: string;
  readonly valueMinor?: bigint;
  readonly field: string;
}

/**
 * A new contract version (flow 2): the recurring lines still running on its effective date end the day
 * before, its own lines start that day. Earlier lines are never edited otherwise; one-off lines already
 * set up stay as they are, so a version lists its recurring lines and only new one-off charges.
 */
export async function addContractVersion(tx: OrgTransaction, change: VersionChange): Promise<ContractView> {
  await lockContract(tx, change.contractId);
  const existing = await tx.booksContract.findFirst({ where: { id: change.contractId } });
  if (!existing) refuseLinesBadInAnyCurrency(change.lines, change.field);
  const contract = found(existing, `contract ${change.contractId}`);
  if (await tx.booksContractVersion.findFirst({ where: { sourceKey: change.sourceKey } }))
    return getContract(tx, contract.id);
  if (contract.status === 'ended')
    throw conflict(`contract ${contract.id} has ended; set up a new one instead`);
  const version = contract.currentVersion + 1;
  await tx.booksContractLine.updateMany({
    where: {
      contractId: contract.id,
      cadence: { not: 'one_off' },
      OR: [{ endsOn: null }, { endsOn: { gte: change.effectiveFrom } }],
    },
    data: { endsOn: addDays(change.effectiveFrom, -1) },
  });
  await createVersionLines(tx, contract, version, change.effectiveFrom, change.lines, change.field);
  const mrrMinor = await mrrOfVersion(tx, contract.id, version);
  const valueMinor = change.valueMinor ?? contract.valueMinor;
  await tx.booksContractVersion.create({
    data: {
      contractId: contract.id,
      version,
      effectiveFrom: change.effectiveFrom,
      reason: change.reason,
      sourceKey: change.sourceKey,
      valueMinor,
      mrrMinor,
    },
  });
  await tx.booksContract.update({
    where: { id: contract.id },
    data: { currentVersion: version, mrrMinor, valueMinor },
  });
  await applyPsaTerm(tx, contract.crmDealId);
  await creditEndedLines(tx, contract.id, 'contract revised');
  return getContract(tx, contract.id);
}

/** Staff revise a contract (an upsell agreed outside CRM, a price change). */
export async function reviseContract(
  tx: OrgTransaction,
  input: ContractReviseInput,
  revisedBy: string,
): Promise<ContractView> {
  const effectiveFrom = new Date(`${input.effectiveFrom}T00:00:00Z`);
  if (Number.isNaN(effectiveFrom.getTime())) throw invalid('effectiveFrom: not a date', 'effectiveFrom');
  return addContractVersion(tx, {
    contractId: input.contractId,
    effectiveFrom,
    lines: input.lines,
    reason: `revised by ${revisedBy}`,
    // The same revision sent twice (a retried request) is one version.
    sourceKey: `staff:${input.contractId}:${input.effectiveFrom}:${createHash('sha256').update(JSON.stringify(input.lines)).digest('hex')}`,
    field: 'lines',
  });
}

/**
 * Flow 2: a churned client's recurring lines end on the day of the churn (inclusive) and its contracts
 * end; periods already billed beyond that day are credited. Returns how many contracts ended.
 */
export async function endClientContracts(
  tx: OrgTransaction,
  crmCompanyId: string,
  churnedAt: Date,
  sourceKey: string,
): Promise<number> {
  const lastDay = dayOf(churnedAt);
  const contracts = await tx.booksContract.findMany({
    where: { billingAccount: { crmCompanyId }, status: { not: 'ended' } },
  });
  for (const contract of contracts) {
    await lockContract(tx, contract.id);
    const version = contract.currentVersion + 1;
    await tx.booksContractLine.updateMany({
      where: {
        contractId: contract.id,
        cadence: { not: 'one_off' },
        OR: [{ endsOn: null }, { endsOn: { gt: lastDay } }],
      },
      data: { endsOn: lastDay },
    });
    await tx.booksContractVersion.create({
      data: {
        contractId: contract.id,
        version,
        effectiveFrom: addDays(lastDay, 1),
        reason: 'psa.client.churned',
        sourceKey: `${sourceKey}:${contract.id}`,
        valueMinor: contract.valueMinor,
        mrrMinor: 0n,
      },
    });
    await tx.booksContract.update({
      where: { id: contract.id },
      // The contract keeps its last MRR: it is what the churn lost (the dashboard's churned MRR).
      data: { status: 'ended', endedAt: churnedAt, currentVersion: version },
    });
    await creditEndedLines(tx, contract.id, 'client churned');
  }
  return contracts.length;
}
