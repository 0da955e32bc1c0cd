import { defineSubscription } from '@suite/bus';
import { psaContractSigned } from '@suite/contracts';
import { closeDealOfSignedContract } from '../deals/deal-won.service';

/** Flow 8: a signed contract closes its CRM deal as won, exactly once even if staff won it already. */
export const contractSignedSubscription = defineSubscription({
  group: 'crm.psa-sync.contract-signed',
  types: [psaContractSigned],
  handler: (event, { tx, trace }) =>
    closeDealOfSignedContract(tx, event.data, { id: event.id, traceparent: trace.traceparent }),
});
