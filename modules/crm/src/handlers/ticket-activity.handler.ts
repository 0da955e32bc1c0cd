import { defineSubscription } from '@suite/bus';
import { psaTicketClosed, psaTicketCreated, psaTicketUpdated } from '@suite/contracts';
import { recordTicketActivity } from '../health/ticket-load.service';

/** Flow 11: ticket activity on the company timeline; the ticket load feeds the health score too. */
export const ticketActivitySubscription = defineSubscription({
  group: 'crm.psa-sync.tickets',
  types: [psaTicketCreated, psaTicketUpdated, psaTicketClosed],
  handler: (event, { tx }) => recordTicketActivity(tx, event.type, event.data, event.id),
});
