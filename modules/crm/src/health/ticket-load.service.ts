import type { EventData, psaTicketCreated } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { recordActivity } from '../activity/activity.service';
import { companyOfEvent } from '../companies/company.service';
import { recomputeHealth } from './health.service';

const VERB = {
  'psa.ticket.created': 'opened',
  'psa.ticket.updated': 'updated',
  'psa.ticket.closed': 'closed',
} as const;

type TicketEventType = keyof typeof VERB;

export interface TicketChange {
  readonly type: TicketEventType;
  readonly data: EventData<typeof psaTicketCreated>;
  /** The bus event's id: the timeline entry's source key. */
  readonly id: string;
}

/** Flow 11: PSA's ticket as CRM keeps it (for the ticket load), and the change on the timeline. */
export async function recordTicketActivity(
  tx: OrgTransaction,
  type: TicketEventType,
  data: EventData<typeof psaTicketCreated>,
  eventId: string,
): Promise<void> {
  await recordTicketActivities(tx, [{ type, data, id: eventId }]);
}

/**
 * The same for several changes in order, set-wise where it counts: each company's health score is
 * recomputed once, from the tickets as the last change left them.
 */
export async function recordTicketActivities(
  tx: OrgTransaction,
  changes: readonly TicketChange[],
): Promise<void> {
  const companies = new Set<string>();
  for (const change of changes) companies.add(await applyTicketChange(tx, change));
  for (const companyId of companies) await recomputeHealth(tx, companyId);
}

/** Keeps the ticket and adds its timeline entry; returns its company's id. */
async function applyTicketChange(tx: OrgTransaction, { type, data, id }: TicketChange): Promise<string> {
  const company = await companyOfEvent(tx, data.crmCompanyId, type);
  const occurredAt = new Date(data.occurredAt);
  const ticket = {
    companyId: company.id,
    number: data.number,
    subject: data.subject,
    status: type === 'psa.ticket.closed' ? 'closed' : data.status,
    priority: data.priority,
    occurredAt,
  };
  // A replayed (older) event must not roll the ticket's state back.
  const current = await tx.crmTicket.findFirst({
    where: { id: data.ticketId },
    select: { occurredAt: true },
  });
  if (!current) await tx.crmTicket.create({ data: { id: data.ticketId, ...ticket } });
  else if (current.occurredAt <= occurredAt)
    await tx.crmTicket.update({ where: { id: data.ticketId }, data: ticket });
  await recordActivity(tx, {
    companyId: company.id,
    kind: type.replace('psa.', ''),
    title: `Ticket #${data.number} ${VERB[type]}: ${data.subject}`,
    detail: {
      ticketId: data.ticketId,
      number: data.number,
      status: ticket.status,
      priority: data.priority,
    },
    occurredAt,
    sourceKey: id,
  });
  return company.id;
}
