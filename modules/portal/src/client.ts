import { router } from '@suite/hub-auth';
import { clientRouter } from './client/client.router';
import { clientQuoteRouter } from './client/client-quote.router';
import { clientActivityRouter, clientInvoiceRouter } from './client/client-record.router';
import { clientSignatureRouter } from './client/client-signature.router';
import { clientTicketRouter } from './client/client-ticket.router';

/**
 * The portal's client API, served at /portal/client on portal hosts only: the Host names the portal,
 * the portal's session cookie the client. Each procedure sees the client's own company only.
 */
export const portalClientRouter = router({
  session: clientRouter,
  quotes: clientQuoteRouter,
  activity: clientActivityRouter,
  invoices: clientInvoiceRouter,
  signatures: clientSignatureRouter,
  tickets: clientTicketRouter,
});
