import { defineSubscription } from '@suite/bus';
import { portalQuoteAccepted, portalQuoteDeclined } from '@suite/contracts';
import { recordQuoteResponse } from '../quotes/quote-response.service';

/** A client answered a shared quote in the portal: the quote records it, an acceptance may win the deal. */
export const portalQuoteSubscription = defineSubscription({
  group: 'crm.portal-sync.quote-response',
  types: [portalQuoteAccepted, portalQuoteDeclined],
  handler: (event, { tx, trace }) =>
    recordQuoteResponse(tx, event.data, { id: event.id, type: event.type, traceparent: trace.traceparent }),
});
