import { defineSubscription } from '@suite/bus';
import { portalDocumentSigned } from '@suite/contracts';
import { signAddendum } from '../contracts/addendum-signed.service';

/** A client signed a contract addendum in the portal: PSA marks that revision signed (then flow 8). */
export const documentSignedSubscription = defineSubscription({
  group: 'psa.portal-sync.document-signed',
  types: [portalDocumentSigned],
  async handler(event, { tx, log }) {
    const outcome = await signAddendum(tx, event.data);
    log.info(
      { contractId: event.data.contractId, revision: event.data.revision, outcome },
      'addendum signed',
    );
  },
});
