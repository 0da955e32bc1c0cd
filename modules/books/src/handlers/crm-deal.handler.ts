import { defineSubscription } from '@suite/bus';
import { crmDealUpdated, crmDealWon } from '@suite/contracts';
import { setUpContractFromDeal } from '../contracts/contract-setup.service';
import { versionFromDealChange } from '../contracts/contract-upsell.service';

/**
 * Flows 1 and 2 in one group, because the bus keeps a deal's events in order only within a group: the
 * deal is won (its contract is set up, once) before any upsell of it makes a new version.
 */
export const crmDealSubscription = defineSubscription({
  group: 'books.crm-deal',
  types: [crmDealWon, crmDealUpdated],
  async handler(event, { tx, log }) {
    if (event.type === 'crm.deal.won') {
      const { contractId, created } = await setUpContractFromDeal(tx, event.data);
      if (!created)
        log.info({ dealId: event.data.dealId, contractId }, 'deal already has its billing contract');
    } else if (!(await versionFromDealChange(tx, event.data, event.id)))
      log.warn(
        { dealId: event.data.dealId },
        'crm.deal.updated for a deal without a billing contract; nothing to revise',
      );
  },
});
