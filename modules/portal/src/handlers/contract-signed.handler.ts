import { defineSubscription } from '@suite/bus';
import { toolsContractSigned } from '@suite/contracts';
import { completeVendorAddendum } from '../addenda/vendor-addendum.service';

/** An addendum sent through `send_contract` was signed at the vendor: the same events as a portal signature. */
export const contractSignedSubscription = defineSubscription({
  group: 'portal.tools-sync.contract-signed',
  types: [toolsContractSigned],
  async handler(event, { tx, log }) {
    const outcome = await completeVendorAddendum(tx, event.data);
    log.info({ envelopeId: event.data.envelopeId, outcome }, 'e-signature vendor contract signed');
  },
});
