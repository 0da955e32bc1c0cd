import { decodeOffset, pageOf } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { ClientTicketsInput, ClientTicketsView } from './assistant.schema';
import { compactClient } from './compact-client.service';

/** A client's tickets, open ones only unless asked for all, the most recently changed first. */
export async function clientTickets(
  tx: OrgTransaction,
  input: ClientTicketsInput,
): Promise<ClientTicketsView> {
  const client = await compactClient(tx, input.clientId);
  const offset = decodeOffset(input.cursor);
  const open = { clientId: client.clientId, status: { not: 'closed' as const } };
  const tickets = await tx.psaTicket.findMany({
    where: input.state === 'open' ? open : { clientId: client.clientId },
    orderBy: [{ updatedAt: 'desc' }, { number: 'desc' }],
    skip: offset,
    take: input.limit + 1,
  });
  const rows = tickets.map((ticket) => ({
    ticketId: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    priority: ticket.priority,
    updatedAt: ticket.updatedAt.toISOString(),
    closedAt: ticket.closedAt?.toISOString() ?? null,
  }));
  return {
    client,
    openTickets: await tx.psaTicket.count({ where: open }),
    ...pageOf(rows, offset, input.limit),
  };
}
