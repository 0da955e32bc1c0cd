import { crmDealStage, formatMoney, type revenueSummary } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';
import { sum } from '../quotes/line-total';
import { getSettings } from '../settings/setting.service';

const OPEN_STAGES = crmDealStage.options.filter((stage) => stage !== 'won' && stage !== 'lost');

/**
 * CRM's side of the combined revenue dashboard: open pipeline by stage now, and the deals won in the
 * period with their new MRR, in the org's currency (deals in another currency are left out of the sums).
 */
export async function revenueSummaryOf(
  tx: OrgTransaction,
  period: z.infer<typeof revenueSummary.input>,
): Promise<z.infer<typeof revenueSummary.output>> {
  const { defaultCurrency } = await getSettings(tx);
  const scope = { currency: defaultCurrency, ...(period.companyId && { companyId: period.companyId }) };
  const open = await tx.crmDeal.findMany({ where: { ...scope, stage: { in: OPEN_STAGES } } });
  const won = await tx.crmDeal.findMany({
    where: {
      ...scope,
      stage: 'won',
      wonAt: {
        gte: new Date(`${period.from}T00:00:00Z`),
        lt: new Date(Date.parse(`${period.to}T00:00:00Z`) + 86_400_000),
      },
    },
  });
  return {
    currency: defaultCurrency,
    pipeline: OPEN_STAGES.map((stage) => {
      const inStage = open.filter((deal) => deal.stage === stage);
      return { stage, count: inStage.length, value: formatMoney(sum(inStage.map((deal) => deal.value))) };
    }),
    won: {
      count: won.length,
      value: formatMoney(sum(won.map((deal) => deal.value))),
      newMrr: formatMoney(sum(won.map((deal) => deal.recurringRevenue))),
    },
  };
}
