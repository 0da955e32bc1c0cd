import type { OrgTransaction } from '@suite/db';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { recordActivity } from '../activity/activity.service';
import type { dealMoveInput } from './deal.schema';
import { dealInOrg, getDeal } from './deal.service';
import { winDeal } from './deal-won.service';

/** Moves a deal through the pipeline; won goes through `winDeal`, so it publishes exactly once. */
export async function moveDealStage(tx: OrgTransaction, { dealId, stage }: z.infer<typeof dealMoveInput>) {
  const deal = await dealInOrg(tx, dealId);
  if (stage === 'won') {
    await winDeal(tx, { dealId, via: 'staff', at: new Date() });
    return getDeal(tx, dealId);
  }
  if (deal.stage === 'won')
    throw new TRPCError({
      code: 'CONFLICT',
      message: `stage: deal ${dealId} is won already (PSA was told); open a new deal instead of reopening it`,
    });
  const at = new Date();
  await tx.crmDeal.update({ where: { id: dealId }, data: { stage, lostAt: stage === 'lost' ? at : null } });
  if (stage !== deal.stage)
    await recordActivity(tx, {
      companyId: deal.companyId,
      kind: `deal.${stage === 'lost' ? 'lost' : 'stage_changed'}`,
      title: `Deal "${deal.name}" moved from ${deal.stage} to ${stage}`,
      detail: { dealId, from: deal.stage, to: stage },
      occurredAt: at,
    });
  return getDeal(tx, dealId);
}
