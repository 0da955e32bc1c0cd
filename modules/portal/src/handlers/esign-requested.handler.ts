import { defineSubscription } from '@suite/bus';
import { crmEsignRequested } from '@suite/contracts';
import { shareAddendum } from '../addenda/addendum.service';

/** Flow 7: CRM's e-sign request for a contract amendment is shared in the portal for the client to sign. */
export const esignRequestedSubscription = defineSubscription({
  group: 'portal.crm-sync.esign-requested',
  types: [crmEsignRequested],
  async handler(event, { tx, log }) {
    const outcome = await shareAddendum(tx, event.data);
    log.info({ esignRequestId: event.data.esignRequestId, outcome }, 'e-sign addendum');
  },
});
