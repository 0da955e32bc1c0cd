import type { OrgTransaction } from '@suite/db';
import { companyInOrg } from '../companies/company.service';
import { getHealth } from '../health/health.service';
import type { CompanySummaryInput, CompanySummaryView } from './assistant.schema';
import { compactDeal, OPEN_STAGES } from './compact-deal';

/** A company at a glance: status, health with its inputs, open deals, the last timeline entries. */
export async function summarizeCompany(
  tx: OrgTransaction,
  { companyId }: CompanySummaryInput,
): Promise<CompanySummaryView> {
  const company = await companyInOrg(tx, companyId);
  const { companyId: _, ...health } = await getHealth(tx, { companyId });
  const deals = await tx.crmDeal.findMany({
    where: { companyId, stage: { in: [...OPEN_STAGES] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: 10,
  });
  const activity = await tx.crmActivity.findMany({
    where: { companyId },
    orderBy: [{ occurredAt: 'desc' }, { seq: 'desc' }],
    take: 5,
  });
  return {
    companyId,
    name: company.name,
    domain: company.domain,
    status: company.status,
    health,
    openDeals: deals.map(compactDeal),
    recentActivity: activity.map((row) => ({
      kind: row.kind,
      title: row.title,
      occurredAt: row.occurredAt.toISOString(),
    })),
  };
}
