import { crmDealStage, formatMoney, type pipelineContext } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';
import type { ByCompanyId } from '../companies/company.schema';
import { companyInOrg } from '../companies/company.service';
import { ownersById } from '../owners/deal-owner.service';
import { sum } from '../quotes/line-total';
import { getSettings } from '../settings/setting.service';

const OPEN_STAGES = crmDealStage.options.filter((stage) => stage !== 'won' && stage !== 'lost');

/**
 * Flow 3: the company's open deals by stage with totals, in the org's currency (deals in another
 * currency are listed but left out of the sums, which would otherwise mix currencies).
 */
export async function readPipelineContext(
  tx: OrgTransaction,
  { companyId }: ByCompanyId,
): Promise<z.infer<typeof pipelineContext.output>> {
  await companyInOrg(tx, companyId);
  const { defaultCurrency } = await getSettings(tx);
  const deals = await tx.crmDeal.findMany({
    where: { companyId, stage: { in: OPEN_STAGES } },
    orderBy: [{ createdAt: 'asc' }],
  });
  const counted = deals.filter((deal) => deal.currency === defaultCurrency);
  const owners = await ownersById(
    tx,
    deals.map((deal) => deal.ownerId),
  );
  const totalsOf = (subset: typeof deals) => ({
    value: formatMoney(sum(subset.map((deal) => deal.value))),
    recurringRevenue: formatMoney(sum(subset.map((deal) => deal.recurringRevenue))),
  });
  return {
    companyId,
    currency: defaultCurrency,
    stages: OPEN_STAGES.map((stage) => {
      const inStage = counted.filter((deal) => deal.stage === stage);
      return { stage, count: inStage.length, ...totalsOf(inStage) };
    }),
    totals: { openDeals: counted.length, ...totalsOf(counted) },
    deals: deals.map((deal) => ({
      dealId: deal.id,
      name: deal.name,
      stage: deal.stage,
      value: formatMoney(deal.value),
      recurringRevenue: formatMoney(deal.recurringRevenue),
      owner: owners.get(deal.ownerId) ?? { userId: deal.ownerId, name: null, active: false },
    })),
  };
}
