import { entityId } from '@suite/contracts';
import { router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { openTicketStatus, ticketPriority, ticketView, toTicketView } from './ticket.schema';
import { closeTicket, createTicket, updateTicket } from './ticket.service';

const subject = z.string().trim().min(1).max(300);

export const ticketRouter = router({
  list: staffProcedure
    .meta({ permission: 'psa.tickets.read' })
    .input(z.object({ clientId: entityId }))
    .output(z.array(ticketView))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.tenant.transaction((tx) =>
        tx.psaTicket.findMany({ where: { clientId: input.clientId }, orderBy: { number: 'desc' } }),
      );
      return rows.map(toTicketView);
    }),
  create: staffProcedure
    .meta({ permission: 'psa.tickets.write' })
    .input(z.object({ clientId: entityId, subject, priority: ticketPriority.default('normal') }))
    .output(ticketView)
    .mutation(({ ctx, input }) => createTicket(ctx.tenant, input)),
  update: staffProcedure
    .meta({ permission: 'psa.tickets.write' })
    .input(
      z.object({
        ticketId: entityId,
        changes: z.object({ subject, status: openTicketStatus, priority: ticketPriority }).partial(),
      }),
    )
    .output(ticketView)
    .mutation(({ ctx, input }) => updateTicket(ctx.tenant, input.ticketId, input.changes)),
  close: staffProcedure
    .meta({ permission: 'psa.tickets.write' })
    .input(z.object({ ticketId: entityId }))
    .output(ticketView)
    .mutation(({ ctx, input }) => closeTicket(ctx.tenant, input.ticketId)),
});
