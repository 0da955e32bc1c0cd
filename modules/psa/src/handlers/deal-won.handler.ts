import { defineSubscription } from '@suite/bus';
import { crmDealWon } from '@suite/contracts';
import { openProjectForDeal } from '../projects/project.service';

export const dealWonSubscription = defineSubscription({
  group: 'psa.deal-won',
  types: [crmDealWon],
  async handler(event, { tx, log }) {
    const outcome = await openProjectForDeal(tx, event.data);
    log.debug({ dealId: event.data.dealId, outcome }, 'deal won');
  },
});
