import { defineSubscription } from '@suite/bus';
import { psaContractAmended } from '@suite/contracts';
import { requestAddendum } from '../esign/esign-request.service';

/** Flow 7: a contract change in PSA asks the client to e-sign an addendum. */
export const contractAmendedSubscription = defineSubscription({
  group: 'crm.psa-sync.contract-amended',
  types: [psaContractAmended],
  handler: (event, { tx }) => requestAddendum(tx, event.data, event.id),
});
