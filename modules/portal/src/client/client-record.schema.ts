import { activityList, booksInvoicesList, cursor } from '@suite/contracts';
import { z } from 'zod';

/** Timeline kinds a client sees of their company; notes, calls and health stay the MSP's. */
export const CLIENT_ACTIVITY_KINDS = [
  'quote.created',
  'quote.accepted',
  'quote.declined',
  'deal.won',
  'contract.signed',
  'esign.requested',
  'esign.completed',
  'ticket.created',
  'ticket.closed',
  'invoice.finalized',
] as const;

export const clientActivityInput = z.object({ cursor: cursor.optional() }).optional();
export const clientActivityView = activityList.output;
export const clientInvoicesView = booksInvoicesList.output;

export type ClientActivityInput = z.infer<typeof clientActivityInput>;
export type ClientActivityView = z.infer<typeof clientActivityView>;
export type ClientInvoicesView = z.infer<typeof clientInvoicesView>;
