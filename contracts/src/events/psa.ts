import { z } from 'zod';
import { defineEvent } from './event-definition';
import { entityId, hubUserId, money, name, text, timestamp } from './shared-scalars';

// PSA tells CRM (and anyone else) about clients, contracts, tickets and satisfaction. Every event
// carries the CRM company id PSA learned at promotion, so CRM never has to ask PSA for it.

const crmCompanyId = entityId.describe('The CRM company this PSA client was promoted from.');

export const psaClientStatus = z.enum(['active', 'on_hold', 'churned']);

export const psaContractSigned = defineEvent({
  type: 'psa.contract.signed',
  version: 1,
  topic: 'psa.contract',
  key: 'contractId',
  description: 'A client signed a contract; CRM closes the linked opportunity as won.',
  schema: z.object({
    contractId: entityId,
    clientId: entityId,
    crmCompanyId,
    crmDealId: entityId.nullable().describe('The CRM deal (opportunity) the contract came from, if any.'),
    name,
    monthlyValue: money,
    signedAt: timestamp,
  }),
});

/** One changed field of a contract amendment, as text: `from` → `to`. */
export const contractChange = z.object({
  field: text(100, { min: 1 }),
  from: text(20_000).nullable(),
  to: text(20_000).nullable(),
});

export const psaContractAmended = defineEvent({
  type: 'psa.contract.amended',
  version: 1,
  topic: 'psa.contract',
  key: 'contractId',
  description: 'Terms of a signed contract changed; CRM requests an e-sign addendum from the client.',
  schema: z.object({
    contractId: entityId,
    clientId: entityId,
    crmCompanyId,
    revision: z.number().int().positive().describe('Contract revision after this change.'),
    changes: z.array(contractChange).min(1),
    amendedBy: hubUserId,
    amendedAt: timestamp,
  }),
});

export const psaClientStatusChanged = defineEvent({
  type: 'psa.client.status_changed',
  version: 1,
  topic: 'psa.client',
  key: 'clientId',
  description: "A client's status changed (e.g. churned); CRM's company status follows.",
  schema: z.object({
    clientId: entityId,
    crmCompanyId,
    status: psaClientStatus,
    previousStatus: psaClientStatus,
    reason: text(500, { min: 1 }).nullable(),
    changedAt: timestamp,
  }),
});

export const psaCsatSubmitted = defineEvent({
  type: 'psa.csat.submitted',
  version: 1,
  topic: 'psa.csat',
  key: 'clientId',
  description: 'A client answered a satisfaction survey; CRM recomputes the company health score.',
  schema: z.object({
    responseId: entityId,
    clientId: entityId,
    crmCompanyId,
    ticketId: entityId.nullable(),
    score: z.number().int().min(1).max(5).describe('1 (very unhappy) to 5 (very happy).'),
    comment: text(2000).nullable(),
    submittedAt: timestamp,
  }),
});

const ticketData = z.object({
  ticketId: entityId,
  clientId: entityId,
  crmCompanyId,
  number: z.number().int().positive(),
  subject: text(300, { min: 1 }),
  status: z.enum(['new', 'in_progress', 'waiting', 'closed']),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
  occurredAt: timestamp,
});

const ticketEvent = <T extends string>(type: T, description: string) =>
  defineEvent({ type, version: 1, topic: 'psa.ticket', key: 'ticketId', description, schema: ticketData });

export const psaTicketCreated = ticketEvent('psa.ticket.created', 'A ticket was opened for a client.');
export const psaTicketUpdated = ticketEvent(
  'psa.ticket.updated',
  "A ticket's status, priority or subject changed.",
);
export const psaTicketClosed = ticketEvent('psa.ticket.closed', 'A ticket was closed.');

export const psaEvents = [
  psaContractSigned,
  psaContractAmended,
  psaClientStatusChanged,
  psaCsatSubmitted,
  psaTicketCreated,
  psaTicketUpdated,
  psaTicketClosed,
] as const;
