import { publish } from '@suite/bus';
import { type EventData, formatMoney, type psaContractSigned } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { recordActivity } from '../activity/activity.service';
import { companyOfEvent } from '../companies/company.service';
import { getSettings } from '../settings/setting.service';
import type { DealView, DealWinInput } from './deal.schema';
import { type DealRecord, dealInOrg, getDeal, viewOfDeal } from './deal.service';
import { lineItemView } from './deal.view';

interface WinOptions {
  readonly via: 'staff' | 'contract_signed' | 'quote_accepted';
  readonly at: Date;
  /** Staff may set the deal's "create a PSA project" choice as they win it. */
  readonly createProject?: boolean | undefined;
  /** The trace of the event that caused it; a staff request's own trace is found without it. */
  readonly traceparent?: string | undefined;
}

/**
 * Closes a deal already read as won exactly once (flows 2 and 8): the conditional update lets one
 * caller through even when staff and a signed contract race, and only that caller publishes
 * `crm.deal.won` and writes the timeline entry. Returns the won deal, or null when it was won already.
 */
export async function winDeal(
  tx: OrgTransaction,
  deal: DealRecord,
  options: WinOptions,
): Promise<DealRecord | null> {
  const { count } = await tx.crmDeal.updateMany({
    where: { id: deal.id, stage: { not: 'won' } },
    data: {
      stage: 'won',
      wonAt: options.at,
      wonVia: options.via,
      lostAt: null,
      ...(options.createProject !== undefined && { createProject: options.createProject }),
    },
  });
  if (count === 0) return null;
  const won: DealRecord = {
    ...deal,
    stage: 'won',
    wonAt: options.at,
    wonVia: options.via,
    lostAt: null,
    createProject: options.createProject ?? deal.createProject,
  };
  const createProject = won.createProject ?? (await getSettings(tx)).createProjectOnWin;
  await publish(tx, {
    type: 'crm.deal.won',
    traceparent: options.traceparent,
    data: {
      dealId: won.id,
      companyId: won.companyId,
      name: won.name,
      value: formatMoney(won.value),
      recurringRevenue: formatMoney(won.recurringRevenue),
      currency: won.currency,
      ownerId: won.ownerId,
      lineItems: won.lineItems.map(lineItemView),
      createProject,
      via: options.via,
      wonAt: options.at.toISOString(),
    },
  });
  await recordActivity(tx, {
    companyId: won.companyId,
    kind: 'deal.won',
    title: `Deal "${won.name}" won`,
    detail: { dealId: won.id, via: options.via, value: formatMoney(won.value), createProject },
    occurredAt: options.at,
    sourceKey: `deal.won:${won.id}`,
  });
  return won;
}

/** Flow 2: staff win a deal; `crm.deal.won` goes out once, `createProject` = the deal's choice ?? the org default. */
export async function markDealWon(tx: OrgTransaction, input: DealWinInput): Promise<DealView> {
  const deal = await dealInOrg(tx, input.dealId);
  const won = await winDeal(tx, deal, { via: 'staff', at: new Date(), createProject: input.createProject });
  if (won) return viewOfDeal(tx, won);
  // Won already: by this read, or (rarely) by a signed contract that committed after it.
  return deal.stage === 'won' ? viewOfDeal(tx, deal) : getDeal(tx, { dealId: deal.id });
}

/** Flow 8: a signed contract closes its CRM deal as won, exactly once even if staff won it already. */
export async function closeDealOfSignedContract(
  tx: OrgTransaction,
  contract: EventData<typeof psaContractSigned>,
  event: { readonly id: string; readonly traceparent: string },
): Promise<void> {
  const company = await companyOfEvent(tx, contract.crmCompanyId, 'psa.contract.signed');
  const deal = contract.crmDealId
    ? await tx.crmDeal.findFirst({
        where: { id: contract.crmDealId, companyId: company.id },
        include: { lineItems: { orderBy: { position: 'asc' } } },
      })
    : null;
  const at = new Date(contract.signedAt);
  const closedNow = deal
    ? (await winDeal(tx, deal, { via: 'contract_signed', at, traceparent: event.traceparent })) !== null
    : false;
  await recordActivity(tx, {
    companyId: company.id,
    kind: 'contract.signed',
    title: `Contract "${contract.name}" signed in PSA`,
    detail: {
      contractId: contract.contractId,
      dealId: contract.crmDealId,
      monthlyValue: contract.monthlyValue,
      closedDeal: closedNow,
    },
    occurredAt: at,
    sourceKey: event.id,
  });
}
