import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import {
  byTicketId,
  ticketCreateInput,
  ticketListInput,
  ticketUpdateInput,
  ticketView,
} from './ticket.schema';
import { closeTicket, createTicket, listTickets, updateTicket } from './ticket.service';

const write = staffProcedure.meta({ permission: 'psa.tickets.write' });

export const ticketRouter = router({
  list: staffProcedure
    .meta({ permission: 'psa.tickets.read' })
    .input(ticketListInput)
    .output(z.array(ticketView))
    .query(inTenant(listTickets)),
  create: write.input(ticketCreateInput).output(ticketView).mutation(inTenant(createTicket)),
  update: write.input(ticketUpdateInput).output(ticketView).mutation(inTenant(updateTicket)),
  close: write.input(byTicketId).output(ticketView).mutation(inTenant(closeTicket)),
});
