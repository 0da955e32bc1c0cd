import { defineSubscription } from '@suite/bus';
import { portalDocumentSigned } from '@suite/contracts';
import { completeAddendum } from '../esign/esign-request.service';

/** Flow 7 closes: the client signed the addendum in the portal, so CRM's e-sign request is complete. */
export const documentSignedSubscription = defineSubscription({
  group: 'crm.portal-sync.document-signed',
  types: [portalDocumentSigned],
  handler: (event, { tx }) => completeAddendum(tx, event.data, event.id),
});
