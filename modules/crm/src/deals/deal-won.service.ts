import { publish } from '@suite/bus';
import type { OrgTransaction } from '@suite/db';
import { recordActivity } from '../activity/activity.service';
import { moneyString } from '../money/money';
import { getSettings } from '../settings/settings.service';
import { lineItemView } from './deal.view';

export interface WinRequest {
  readonly dealId: string;
  readonly via: 'staff' | 'contract_signed';
  readonly at: Date;
  /** Staff may set the deal's "create a PSA project" choice as they win it. */
  readonly createProject?: boolean | undefined;
  readonly traceparent?: string | undefined;
}

/**
 * Closes a deal as won exactly once (flows 2 and 8): the conditional update lets one caller through
 * even when staff and a signed contract race, and only that caller publishes `crm.deal.won` and
 * writes the timeline entry. Returns false when the deal was already won.
 */
export async function winDeal(tx: OrgTransaction, request: WinRequest): Promise<boolean> {
  const { count } = await tx.crmDeal.updateMany({
    where: { id: request.dealId, stage: { not: 'won' } },
    data: {
      stage: 'won',
      wonAt: request.at,
      wonVia: request.via,
      lostAt: null,
      ...(request.createProject !== undefined && { createProject: request.createProject }),
    },
  });
  if (count === 0) return false;
  const deal = await tx.crmDeal.findFirstOrThrow({
    where: { id: request.dealId },
    include: { lineItems: { orderBy: { position: 'asc' } } },
  });
  const createProject = deal.createProject ?? (await getSettings(tx)).createProjectOnWin;
  await publish(tx, {
    type: 'crm.deal.won',
    traceparent: request.traceparent,
    data: {
      dealId: deal.id,
      companyId: deal.companyId,
      name: deal.name,
      value: moneyString(deal.value),
      recurringRevenue: moneyString(deal.recurringRevenue),
      currency: deal.currency,
      ownerId: deal.ownerId,
      lineItems: deal.lineItems.map(lineItemView),
      createProject,
      via: request.via,
      wonAt: request.at.toISOString(),
    },
  });
  await recordActivity(tx, {
    companyId: deal.companyId,
    kind: 'deal.won',
    title: `Deal "${deal.name}" won`,
    detail: { dealId: deal.id, via: request.via, value: moneyString(deal.value), createProject },
    occurredAt: request.at,
    sourceKey: `deal.won:${deal.id}`,
  });
  return true;
}
