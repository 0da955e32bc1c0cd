import { conflict } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { recordActivity } from '../activity/activity.service';
import type { DealMoveInput, DealView } from './deal.schema';
import { dealInOrg, viewOfDeal } from './deal.service';
import { markDealWon } from './deal-won.service';

/** Moves a deal through the pipeline; won goes through `markDealWon`, so it publishes exactly once. */
export async function moveDealStage(tx: OrgTransaction, input: DealMoveInput): Promise<DealView> {
  const { dealId, stage } = input;
  if (stage === 'won') return markDealWon(tx, { dealId, createProject: input.createProject });
  const deal = await dealInOrg(tx, dealId);
  if (deal.stage === 'won')
    throw conflict(
      `stage: deal ${dealId} is won already (PSA was told); open a new deal instead of reopening it`,
    );
  const at = new Date();
  const lostAt = stage === 'lost' ? at : null;
  await tx.crmDeal.update({ where: { id: dealId }, data: { stage, lostAt } });
  if (stage !== deal.stage)
    await recordActivity(tx, {
      companyId: deal.companyId,
      kind: `deal.${stage === 'lost' ? 'lost' : 'stage_changed'}`,
      title: `Deal "${deal.name}" moved from ${deal.stage} to ${stage}`,
      detail: { dealId, from: deal.stage, to: stage },
      occurredAt: at,
    });
  return viewOfDeal(tx, { ...deal, stage, lostAt });
}
