import { defineSubscription } from '@suite/bus';
import { psaClientStatusChanged } from '@suite/contracts';
import { followClientStatus } from '../companies/company-status.service';

/** Flow 9: the company's status follows its PSA client's. */
export const clientStatusSubscription = defineSubscription({
  group: 'crm.psa-sync.client-status',
  types: [psaClientStatusChanged],
  handler: (event, { tx }) => followClientStatus(tx, event.data, event.id),
});
