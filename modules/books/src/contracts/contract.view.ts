import { isoDate } from '../invoices/billing-period';
import { fromMinor } from '../money/money';
import type { ContractView } from './contract.schema';

interface ContractRow {
  id: string;
  billingAccountId: string;
  crmDealId: string;
  name: string;
  status: ContractView['status'];
  currency: string;
  valueMinor: bigint;
  mrrMinor: bigint;
  currentVersion: number;
  activatedAt: Date | null;
  activatedBy: string | null;
  billingAccount: { crmCompanyId: string };
  lines: {
    id: string;
    version: number;
    itemCode: string;
    description: string;
    quantity: { toString(): string };
    unitPriceMinor: bigint;
    cadence: ContractView['lines'][number]['cadence'];
    startsOn: Date;
    endsOn: Date | null;
    glAccountId: string | null;
  }[];
}

export const UNMAPPED =
  'no GL account: map its item code (gl.mapItem) or set the org default (gl.setDefault) before it can be billed';

export function contractView(row: ContractRow): ContractView {
  const lines = row.lines.map((line) => ({
    lineId: line.id,
    version: line.version,
    itemCode: line.itemCode,
    description: line.description,
    quantity: line.quantity.toString(),
    unitPrice: fromMinor(line.unitPriceMinor, row.currency),
    cadence: line.cadence,
    startsOn: isoDate(line.startsOn),
    endsOn: line.endsOn && isoDate(line.endsOn),
    glAccountId: line.glAccountId,
    flagged: line.glAccountId === null ? UNMAPPED : null,
  }));
  return {
    contractId: row.id,
    billingAccountId: row.billingAccountId,
    crmCompanyId: row.billingAccount.crmCompanyId,
    crmDealId: row.crmDealId,
    name: row.name,
    status: row.status,
    currency: row.currency,
    value: fromMinor(row.valueMinor, row.currency),
    mrr: fromMinor(row.mrrMinor, row.currency),
    version: row.currentVersion,
    activatedAt: row.activatedAt?.toISOString() ?? null,
    activatedBy: row.activatedBy,
    lines,
    flaggedLines: lines.filter((line) => line.flagged !== null).length,
  };
}
