import { entityId, quotesGet, text } from '@suite/contracts';
import { z } from 'zod';

export const quoteSnapshot = quotesGet.output;
export type QuoteSnapshot = z.infer<typeof quoteSnapshot>;

export const shareQuoteInput = z.object({ portalId: entityId, quoteId: entityId });
export const byShareId = z.object({ shareId: entityId });
export const quoteResponseInput = z.object({
  shareId: entityId,
  decision: z.enum(['accept', 'decline']),
  comment: text(2000).optional(),
});

const shareStatus = z.enum(['shared', 'viewed', 'accepted', 'declined', 'signed']);

export const shareView = z.object({
  shareId: entityId,
  portalId: entityId,
  companyId: entityId,
  kind: z.enum(['quote', 'document']),
  title: z.string(),
  status: shareStatus,
  sha256: z.string().describe('SHA-256 of the PDF, hex.'),
  responseComment: z.string().nullable(),
  respondedAt: z.string().nullable(),
  sharedAt: z.string(),
});
export const sharedQuoteView = shareView.extend({ quote: quoteSnapshot });

export type ShareQuoteInput = z.infer<typeof shareQuoteInput>;
export type ByShareId = z.infer<typeof byShareId>;
export type QuoteResponseInput = z.infer<typeof quoteResponseInput>;
export type ShareView = z.infer<typeof shareView>;
export type SharedQuoteView = z.infer<typeof sharedQuoteView>;
