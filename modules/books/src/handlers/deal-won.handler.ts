import { defineSubscription } from '@suite/bus';
import { crmDealWon } from '@suite/contracts';
import { setUpContractFromDeal } from '../contracts/contract-setup.service';

/** Flow 1: a won deal sets up its billing contract, once per deal. */
export const dealWonSubscription = defineSubscription({
  group: 'books.deal-won',
  types: [crmDealWon],
  async handler(event, { tx, log }) {
    const { contractId, created } = await setUpContractFromDeal(tx, event.data);
    if (!created)
      log.info({ dealId: event.data.dealId, contractId }, 'deal already has its billing contract');
  },
});
