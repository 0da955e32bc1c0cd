import { defineSubscription } from '@suite/bus';
import { psaClientStatusChanged } from '@suite/contracts';
import { endClientContracts } from '../contracts/contract-version.service';

/** Flow 2: a churned PSA client's recurring lines end on the day of the churn. */
export const clientChurnedSubscription = defineSubscription({
  group: 'books.client-churned',
  types: [psaClientStatusChanged],
  async handler(event, { tx }) {
    if (event.data.status !== 'churned' || event.data.previousStatus === 'churned') return;
    await endClientContracts(tx, event.data.crmCompanyId, new Date(event.data.changedAt), event.id);
  },
});
