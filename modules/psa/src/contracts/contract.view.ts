import { formatMoney } from '@suite/contracts';
import type { Prisma } from '@suite/db';
import type { ContractView } from './contract.schema';

export function toContractView(row: Prisma.PsaContractGetPayload<object>): ContractView {
  return {
    id: row.id,
    clientId: row.clientId,
    crmDealId: row.crmDealId,
    name: row.name,
    status: row.status,
    revision: row.revision,
    monthlyValue: formatMoney(row.monthlyValue),
    currency: row.currency,
    startDate: row.startDate?.toISOString().slice(0, 10) ?? null,
    termMonths: row.termMonths,
    terms: row.terms,
    signedAt: row.signedAt?.toISOString() ?? null,
  };
}
