import { defineSubscription } from '@suite/bus';
import { psaTicketClosed, psaTicketCreated, psaTicketUpdated } from '@suite/contracts';
import { recordActivity } from '../activity/activity.service';
import { companyOfEvent } from '../companies/company.service';
import { recomputeHealth } from '../health/health.service';

const VERB = {
  'psa.ticket.created': 'opened',
  'psa.ticket.updated': 'updated',
  'psa.ticket.closed': 'closed',
} as const;

/** Flow 11: ticket activity on the company timeline; the ticket load feeds the health score too. */
export const ticketActivitySubscription = defineSubscription({
  group: 'crm.psa-sync.tickets',
  types: [psaTicketCreated, psaTicketUpdated, psaTicketClosed],
  async handler(event, { tx }) {
    const { data } = event;
    const company = await companyOfEvent(tx, data.crmCompanyId, event.type);
    const occurredAt = new Date(data.occurredAt);
    const ticket = {
      companyId: company.id,
      number: data.number,
      subject: data.subject,
      status: event.type === 'psa.ticket.closed' ? 'closed' : data.status,
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
    await recomputeHealth(tx, company.id);
    await recordActivity(tx, {
      companyId: company.id,
      kind: event.type.replace('psa.', ''),
      title: `Ticket #${data.number} ${VERB[event.type]}: ${data.subject}`,
      detail: {
        ticketId: data.ticketId,
        number: data.number,
        status: ticket.status,
        priority: data.priority,
      },
      occurredAt,
      sourceKey: event.id,
    });
  },
});
