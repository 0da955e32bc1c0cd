import { formatMoney } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { PipelineView } from './assistant.schema';
import { OPEN_STAGES } from './compact-deal';

/** The org's open pipeline by stage (in pipeline order) and currency, with totals per currency. */
export async function summarizePipeline(tx: OrgTransaction): Promise<PipelineView> {
  const groups = await tx.crmDeal.groupBy({
    by: ['stage', 'currency'],
    where: { stage: { in: [...OPEN_STAGES] } },
    _count: { _all: true },
    _sum: { value: true },
  });
  const ordered = groups.toSorted(
    (a, b) =>
      OPEN_STAGES.indexOf(a.stage as (typeof OPEN_STAGES)[number]) -
        OPEN_STAGES.indexOf(b.stage as (typeof OPEN_STAGES)[number]) || a.currency.localeCompare(b.currency),
  );
  const totals = new Map<string, { openDeals: number; value: number }>();
  for (const group of groups) {
    const total = totals.get(group.currency) ?? { openDeals: 0, value: 0 };
    // Whole cents, so summing numbers stays exact far beyond any pipeline's size.
    total.value += Math.round(Number(group._sum.value ?? 0) * 100);
    total.openDeals += group._count._all;
    totals.set(group.currency, total);
  }
  return {
    stages: ordered.map((group) => ({
      stage: group.stage,
      count: group._count._all,
      value: formatMoney(group._sum.value ?? 0),
      currency: group.currency,
    })),
    totals: [...totals].map(([currency, total]) => ({
      currency,
      openDeals: total.openDeals,
      value: formatMoney(total.value / 100),
    })),
  };
}
