import { publish } from '@suite/bus';
import { conflict, found, invalid } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import { clientInOrg } from '../clients/client.service';
import type {
  ByTicketId,
  TicketCreateInput,
  TicketListInput,
  TicketUpdateInput,
  TicketView,
} from './ticket.schema';
import { toTicketView } from './ticket.view';

type TicketWithClient = Prisma.PsaTicketGetPayload<{ include: { client: true } }>;
type TicketEventType = 'psa.ticket.created' | 'psa.ticket.updated' | 'psa.ticket.closed';

/** Every ticket change reaches CRM's company timeline (flow 11) with the same data. */
async function publishTicket(
  tx: OrgTransaction,
  type: TicketEventType,
  ticket: TicketWithClient,
): Promise<TicketView> {
  const view = toTicketView(ticket);
  const { id: ticketId, clientId, number, subject, status, priority } = view;
  const occurredAt = ticket.updatedAt.toISOString();
  const data = {
    ticketId,
    clientId,
    crmCompanyId: ticket.client.crmCompanyId,
    number,
    subject,
    status,
    priority,
    occurredAt,
  };
  await publish(tx, { type, data });
  return view;
}

/** The org's next ticket number; the row lock serialises concurrent creates. */
async function nextTicketNumber(tx: OrgTransaction): Promise<number> {
  const [row] = await tx.$queryRaw<[{ last_number: number }]>`
    INSERT INTO psa.ticket_sequence (last_number) VALUES (1)
    ON CONFLICT (org_id) DO UPDATE SET last_number = psa.ticket_sequence.last_number + 1
    RETURNING last_number`;
  return row.last_number;
}

export async function listTickets(tx: OrgTransaction, { clientId }: TicketListInput): Promise<TicketView[]> {
  const rows = await tx.psaTicket.findMany({ where: { clientId }, orderBy: { number: 'desc' } });
  return rows.map(toTicketView);
}

export async function createTicket(tx: OrgTransaction, input: TicketCreateInput): Promise<TicketView> {
  await clientInOrg(tx, input.clientId);
  const ticket = await tx.psaTicket.create({
    data: { ...input, number: await nextTicketNumber(tx) },
    include: { client: true },
  });
  return publishTicket(tx, 'psa.ticket.created', ticket);
}

async function openTicket(tx: OrgTransaction, ticketId: string): Promise<Prisma.PsaTicketGetPayload<object>> {
  const ticket = found(await tx.psaTicket.findFirst({ where: { id: ticketId } }), `ticket ${ticketId}`);
  if (ticket.status === 'closed')
    throw conflict(`ticket #${ticket.number} is closed; open a new ticket instead`);
  return ticket;
}

export async function updateTicket(
  tx: OrgTransaction,
  { ticketId, changes }: TicketUpdateInput,
): Promise<TicketView> {
  const ticket = await openTicket(tx, ticketId);
  const changed = Object.entries(changes).some(
    ([field, value]) => value !== undefined && ticket[field as keyof typeof changes] !== value,
  );
  if (!changed)
    throw invalid(
      `the update changes nothing on ticket #${ticket.number}; give a new subject, status or priority`,
      'changes',
    );
  const updated = await tx.psaTicket.update({
    where: { id: ticketId },
    data: changes,
    include: { client: true },
  });
  return publishTicket(tx, 'psa.ticket.updated', updated);
}

export async function closeTicket(tx: OrgTransaction, { ticketId }: ByTicketId): Promise<TicketView> {
  await openTicket(tx, ticketId);
  const closed = await tx.psaTicket.update({
    where: { id: ticketId },
    data: { status: 'closed', closedAt: new Date() },
    include: { client: true },
  });
  return publishTicket(tx, 'psa.ticket.closed', closed);
}
