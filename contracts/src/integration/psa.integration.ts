import { z } from 'zod';
import { entityId, text, timestamp } from '../events/shared-scalars';

// PSA's integration API (served at /psa/integration, X-Integration-Key). Each procedure's scope is
// `psa:<procedure>`. Clients are addressed by CRM company id, the id PSA keeps from the promotion.

const byCompany = z.object({
  companyId: entityId.describe('CRM company id of a company promoted to a PSA client.'),
});

const ticket = z.object({
  ticketId: entityId,
  number: z.number().int().describe('Per org, as staff see it (#42).'),
  subject: z.string(),
  status: z.enum(['new', 'in_progress', 'waiting', 'closed']),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
  createdAt: timestamp,
  updatedAt: timestamp,
  closedAt: timestamp.nullable(),
});

export const psaTicketsList = {
  scope: 'psa:tickets.list',
  input: byCompany,
  output: z.array(ticket).describe("The company's tickets, the newest first."),
} as const;

export const psaTicketsCreate = {
  scope: 'psa:tickets.create',
  input: byCompany.extend({
    subject: text(300, { min: 1 }).describe('What the ticket is about, 1 to 300 characters.'),
    priority: z
      .enum(['low', 'normal', 'high'])
      .default('normal')
      .describe('`urgent` is for staff to set after triage.'),
  }),
  output: ticket,
} as const;

/** Every PSA integration procedure, by tRPC path. */
export const psaIntegrationApi = {
  'tickets.list': psaTicketsList,
  'tickets.create': psaTicketsCreate,
} as const;
