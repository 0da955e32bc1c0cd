import { entityId, text, timestamp } from '@suite/contracts';
import { z } from 'zod';

export const ticketPriority = z.enum(['low', 'normal', 'high', 'urgent']);
/** Statuses staff set by update; `closed` only through `tickets.close`. */
export const openTicketStatus = z.enum(['new', 'in_progress', 'waiting']);

const subject = text(300, { min: 1 });

export const ticketListInput = z.object({ clientId: entityId });
export const ticketCreateInput = z.object({
  clientId: entityId,
  subject,
  priority: ticketPriority.default('normal'),
});
export const byTicketId = z.object({ ticketId: entityId });
export const ticketUpdateInput = byTicketId.extend({
  changes: z.object({ subject, status: openTicketStatus, priority: ticketPriority }).partial(),
});

export const ticketView = z.object({
  id: entityId,
  clientId: entityId,
  number: z.number().int(),
  subject: z.string(),
  status: z.enum([...openTicketStatus.options, 'closed']),
  priority: ticketPriority,
  closedAt: timestamp.nullable(),
});

export type TicketListInput = z.infer<typeof ticketListInput>;
export type TicketCreateInput = z.infer<typeof ticketCreateInput>;
export type ByTicketId = z.infer<typeof byTicketId>;
export type TicketUpdateInput = z.infer<typeof ticketUpdateInput>;
export type TicketView = z.infer<typeof ticketView>;
