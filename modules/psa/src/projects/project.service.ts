import { type crmDealWon, type EventData, formatMoney } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { ProjectView } from './project.schema';

type DealWon = EventData<typeof crmDealWon>;

/**
 * Opens the project of a won deal when the deal asks for one. A deal is won at most once per project:
 * a second `crm.deal.won` (e.g. via a signed contract after staff already won it) finds the project.
 */
export async function openProjectForDeal(
  tx: OrgTransaction,
  deal: DealWon,
): Promise<'opened' | 'exists' | 'not-requested'> {
  if (!deal.createProject) return 'not-requested';
  if (await tx.psaProject.findFirst({ where: { crmDealId: deal.dealId } })) return 'exists';
  await tx.psaProject.create({
    data: {
      crmDealId: deal.dealId,
      crmCompanyId: deal.companyId,
      name: deal.name,
      value: deal.value,
      recurringRevenue: deal.recurringRevenue,
      currency: deal.currency,
      ownerId: deal.ownerId,
      lineItems: deal.lineItems,
    },
  });
  return 'opened';
}

export async function listProjects(tx: OrgTransaction): Promise<ProjectView[]> {
  const rows = await tx.psaProject.findMany({ orderBy: { createdAt: 'desc' } });
  return rows.map((row) => ({
    id: row.id,
    crmDealId: row.crmDealId,
    crmCompanyId: row.crmCompanyId,
    name: row.name,
    value: formatMoney(row.value),
    recurringRevenue: formatMoney(row.recurringRevenue),
    currency: row.currency,
  }));
}
