import { crmLineItem, entityId, hubUserId, quotesCreate, timestamp } from '@suite/contracts';
import { z } from 'zod';

export const quoteListView = quotesCreate.output.extend({
  dealId: entityId.nullable(),
  note: z.string().nullable(),
  requestedBy: hubUserId,
  source: z.string().describe('`crm` for staff, or the calling product'),
  createdAt: timestamp,
  lines: z.array(crmLineItem),
});
