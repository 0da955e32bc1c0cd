import { defineSubscription } from '@suite/bus';
import { psaTicketClosed, psaTicketCreated, psaTicketUpdated } from '@suite/contracts';
import { recordTicketActivities, recordTicketActivity } from '../health/ticket-load.service';

/**
 * Flow 11: ticket activity on the company timeline; the ticket load feeds the health score too. The
 * busiest CRM handler, so a batch recomputes each company's score once.
 */
export const ticketActivitySubscription = defineSubscription({
  group: 'crm.psa-sync.tickets',
  types: [psaTicketCreated, psaTicketUpdated, psaTicketClosed],
  handler: (event, { tx }) => recordTicketActivity(tx, event.type, event.data, event.id),
  handleBatch: (events, { tx }) => recordTicketActivities(tx, events),
});
