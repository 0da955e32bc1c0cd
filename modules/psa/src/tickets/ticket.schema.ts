import { entityId, timestamp } from '@suite/contracts';
import type { Prisma } from '@suite/db';
import { z } from 'zod';

export const ticketPriority = z.enum(['low', 'normal', 'high', 'urgent']);
/** Statuses staff set by update; `closed` only through `tickets.close`. */
export const openTicketStatus = z.enum(['new', 'in_progress', 'waiting']);

export const ticketView = z.object({
  id: entityId,
  clientId: entityId,
  number: z.number().int(),
  subject: z.string(),
  status: z.enum([...openTicketStatus.options, 'closed']),
  priority: ticketPriority,
  closedAt: timestamp.nullable(),
});

export type TicketView = z.infer<typeof ticketView>;

export function toTicketView(row: Prisma.PsaTicketGetPayload<object>): TicketView {
  const { id, clientId, number, subject, status, priority, closedAt } = row;
  return { id, clientId, number, subject, status, priority, closedAt: closedAt?.toISOString() ?? null };
}
