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

const signedFileView = z
  .object({
    state: z
      .enum(['fetching', 'stored', 'gave up'])
      .describe('gave up: the vendor never served it; the signature was published without its hash.'),
    attempts: z.number().int().describe('Failed fetches so far.'),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    gaveUpAt: z.string().nullable(),
  })
  .describe(
    "An addendum signed at the e-signature vendor: fetching the vendor's signed PDF (decision 0157).",
  );

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
  vendor: z
    .string()
    .nullable()
    .describe('The e-signature vendor that has the addendum (send_contract route).'),
  signedFile: signedFileView.nullable(),
});
export const sharedQuoteView = shareView.extend({ quote: quoteSnapshot });

export type ShareQuoteInput = z.infer<typeof shareQuoteInput>;
export type ByShareId = z.infer<typeof byShareId>;
export type QuoteResponseInput = z.infer<typeof quoteResponseInput>;
export type ShareView = z.infer<typeof shareView>;
export type SharedQuoteView = z.infer<typeof sharedQuoteView>;
