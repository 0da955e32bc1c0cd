import type { Prisma } from '@suite/db';
import type { TicketView } from './ticket.schema';

export function toTicketView(row: Prisma.PsaTicketGetPayload<object>): TicketView {
  const { id, clientId, number, subject, status, priority, closedAt } = row;
  return { id, clientId, number, subject, status, priority, closedAt: closedAt?.toISOString() ?? null };
}
