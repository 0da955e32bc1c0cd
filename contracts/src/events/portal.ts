import { z } from 'zod';
import { defineEvent } from './event-definition';
import { entityId, text, timestamp } from './shared-scalars';

// The client portal: what a client did with a quote or document staff shared with them.

const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('SHA-256 of the PDF, lower-case hex.');

const response = {
  shareId: entityId.describe('The portal share the client answered.'),
  quoteId: entityId.describe('The CRM quote shared.'),
  companyId: entityId.describe('The CRM company of the client.'),
  contactId: entityId.describe('The CRM contact who answered.'),
  comment: text(2000).nullable(),
  sha256: sha256.describe('SHA-256 of the quote PDF the client saw.'),
  respondedAt: timestamp,
};

export const portalQuoteAccepted = defineEvent({
  type: 'portal.quote.accepted',
  version: 1,
  topic: 'portal.quote',
  key: 'quoteId',
  description: 'A client accepted a shared quote in the portal; CRM wins its deal when the org says so.',
  schema: z.object(response),
});

export const portalQuoteDeclined = defineEvent({
  type: 'portal.quote.declined',
  version: 1,
  topic: 'portal.quote',
  key: 'quoteId',
  description: 'A client declined a shared quote in the portal, with their comment.',
  schema: z.object(response),
});

export const portalDocumentSigned = defineEvent({
  type: 'portal.document.signed',
  version: 1,
  topic: 'portal.document',
  key: 'esignRequestId',
  description:
    "A client signed an e-sign addendum, in the portal or at the org's e-signature vendor; CRM completes the request and PSA marks the contract signed.",
  schema: z.object({
    shareId: entityId,
    esignRequestId: entityId.describe('The CRM e-sign request.'),
    contractId: entityId.describe('The PSA contract the addendum amends.'),
    revision: z.number().int().min(1),
    companyId: entityId,
    contactId: entityId,
    documentSha256: sha256.describe('SHA-256 of the addendum PDF as shared.'),
    signedSha256: sha256
      .nullable()
      .describe(
        "SHA-256 of the signed PDF: the portal's with its certificate page, or the vendor's signed PDF as the portal fetched it (decision 0156). Null when the vendor never served its signed PDF and the portal gave up fetching it (decision 0157), and from publishers before 0156.",
      ),
    signedVia: z
      .string()
      .min(1)
      .default('portal')
      .describe(
        '`portal`, or the e-signature vendor that collected the signature (`docusign`, `dropbox-sign`).',
      ),
    signedAt: timestamp,
  }),
});

export const portalEvents = [portalQuoteAccepted, portalQuoteDeclined, portalDocumentSigned] as const;
