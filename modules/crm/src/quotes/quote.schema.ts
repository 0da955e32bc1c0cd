import { crmLineItem, entityId, hubUserId, quotesCreate, text, timestamp } from '@suite/contracts';
import { z } from 'zod';

export const quoteCreateInput = z.object({
  companyId: entityId,
  dealId: entityId.optional(),
  lines: z.array(crmLineItem).min(1).max(100),
  note: text(2000).optional(),
});

export const quoteView = quotesCreate.output;

export const quoteListView = quoteView.extend({
  dealId: entityId.nullable(),
  note: z.string().nullable(),
  requestedBy: hubUserId,
  source: z.string().describe('`crm` for staff, or the calling product'),
  createdAt: timestamp,
  lines: z.array(crmLineItem),
});

export type QuoteCreateInput = z.infer<typeof quoteCreateInput>;
export type RequestedQuoteInput = z.infer<typeof quotesCreate.input>;
export type QuoteView = z.infer<typeof quoteView>;
export type QuoteListView = z.infer<typeof quoteListView>;
