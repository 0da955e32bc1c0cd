import { compactPage, entityId, money, nextCursor, psaClientStatus, timestamp } from '@suite/contracts';
import { z } from 'zod';
import { contractView } from '../contracts/contract.schema';
import { ticketView } from '../tickets/ticket.schema';

// The assistant's read-only view of PSA: compact rows and pages, so an AI's context stays small.

const compactClient = z.object({
  clientId: entityId,
  name: z.string(),
  status: psaClientStatus,
});

export const clientTicketsInput = z.object({
  clientId: entityId,
  state: z
    .enum(['open', 'any'])
    .default('open')
    .describe('`open`: not closed yet; `any`: open and closed, the most recently changed first.'),
  ...compactPage,
});

export const clientTicketsView = z.object({
  client: compactClient,
  openTickets: z.number().int().describe("How many of the client's tickets are not closed."),
  items: z.array(
    ticketView
      .pick({ number: true, subject: true, status: true, priority: true, closedAt: true })
      .extend({ ticketId: entityId, updatedAt: timestamp }),
  ),
  nextCursor,
});

export const clientContractsInput = z.object({ clientId: entityId, ...compactPage });

export const clientContractsView = z.object({
  client: compactClient,
  items: z.array(
    contractView
      .pick({
        name: true,
        status: true,
        revision: true,
        monthlyValue: true,
        currency: true,
        startDate: true,
        termMonths: true,
        signedAt: true,
      })
      .extend({
        contractId: entityId,
        endDate: z.iso.date().nullable().describe('The last day of the term; null without start or term.'),
        termValue: money.nullable().describe('Monthly value × term months; null without a term.'),
      }),
  ),
  nextCursor,
});

export type ClientTicketsInput = z.infer<typeof clientTicketsInput>;
export type ClientTicketsView = z.infer<typeof clientTicketsView>;
export type ClientContractsInput = z.infer<typeof clientContractsInput>;
export type ClientContractsView = z.infer<typeof clientContractsView>;
export type CompactClient = z.infer<typeof compactClient>;
