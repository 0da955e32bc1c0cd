import { inTenant, router } from '@suite/hub-auth';
import { featureProcedure } from './client.procedure';
import { clientTicketInput, clientTicketsView, clientTicketView } from './client-ticket.schema';
import { listClientTickets, openClientTicket } from './client-ticket.service';

const tickets = featureProcedure('tickets');

/** The company's PSA tickets, behind the portal's `tickets` toggle. */
export const clientTicketRouter = router({
  list: tickets.output(clientTicketsView).query(inTenant(listClientTickets)),
  open: tickets.input(clientTicketInput).output(clientTicketView).mutation(inTenant(openClientTicket)),
});
