import { publish } from '@suite/bus';
import type { OrgScope, OrgTransaction, Prisma } from '@suite/db';
import { foundInOrg } from '@suite/hub-auth';
import type { z } from 'zod';
import { badRequest, conflict } from '../psa.errors';
import { type openTicketStatus, type TicketView, type ticketPriority, toTicketView } from './ticket.schema';

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

export function createTicket(
  tenant: OrgScope,
  input: { clientId: string; subject: string; priority: z.infer<typeof ticketPriority> },
) {
  return tenant.transaction(async (tx) => {
    foundInOrg(await tx.psaClient.findFirst({ where: { id: input.clientId } }), `client ${input.clientId}`);
    const ticket = await tx.psaTicket.create({
      data: { ...input, number: await nextTicketNumber(tx) },
      include: { client: true },
    });
    return publishTicket(tx, 'psa.ticket.created', ticket);
  });
}

async function openTicket(tx: OrgTransaction, ticketId: string) {
  const ticket = foundInOrg(await tx.psaTicket.findFirst({ where: { id: ticketId } }), `ticket ${ticketId}`);
  if (ticket.status === 'closed')
    throw conflict(`ticket #${ticket.number} is closed; open a new ticket instead`);
  return ticket;
}

export function updateTicket(
  tenant: OrgScope,
  ticketId: string,
  changes: {
    subject?: string;
    status?: z.infer<typeof openTicketStatus>;
    priority?: z.infer<typeof ticketPriority>;
  },
) {
  return tenant.transaction(async (tx) => {
    const ticket = await openTicket(tx, ticketId);
    const changed = Object.entries(changes).some(
      ([field, value]) => value !== undefined && ticket[field as keyof typeof changes] !== value,
    );
    if (!changed)
      throw badRequest(
        `the update changes nothing on ticket #${ticket.number}; give a new subject, status or priority`,
      );
    const updated = await tx.psaTicket.update({
      where: { id: ticketId },
      data: changes,
      include: { client: true },
    });
    return publishTicket(tx, 'psa.ticket.updated', updated);
  });
}

export function closeTicket(tenant: OrgScope, ticketId: string) {
  return tenant.transaction(async (tx) => {
    await openTicket(tx, ticketId);
    const closed = await tx.psaTicket.update({
      where: { id: ticketId },
      data: { status: 'closed', closedAt: new Date() },
      include: { client: true },
    });
    return publishTicket(tx, 'psa.ticket.closed', closed);
  });
}
