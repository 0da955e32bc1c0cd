import { entityId, name } from '@suite/contracts';
import { z } from 'zod';

export const SIGNATURE_STEPS = ['created', 'viewed', 'consented', 'signed'] as const;
export type SignatureStep = (typeof SIGNATURE_STEPS)[number];

/** What the signer agrees to by ticking the box; recorded word for word in the trail. */
export const CONSENT_TEXT =
  'I agree to sign this document electronically and that my typed name or drawn signature is my signature.';

export const signatureRequestInput = z.object({ shareId: entityId });
export const byRequestId = z.object({ requestId: entityId });
/** A drawn signature's PNG, base64: a signature pad's stroke image, not a photograph. */
export const MAX_DRAWN_SIGNATURE_BYTES = 64 * 1024;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const drawnSignature = z
  .string()
  .max(Math.ceil(MAX_DRAWN_SIGNATURE_BYTES / 3) * 4 + 32, {
    error: `drawnSignature: the drawing is more than ${MAX_DRAWN_SIGNATURE_BYTES} bytes; draw it smaller or type your name`,
  })
  .transform((value, context) => {
    const bytes = Buffer.from(value.replace(/^data:image\/png;base64,/, ''), 'base64');
    const problem =
      bytes.length > MAX_DRAWN_SIGNATURE_BYTES
        ? `is ${bytes.length} bytes, more than ${MAX_DRAWN_SIGNATURE_BYTES}; draw it smaller or type your name`
        : bytes.subarray(0, 8).equals(PNG_MAGIC)
          ? undefined
          : 'is not a PNG image; send the signature pad as image/png in base64';
    if (problem) context.addIssue({ code: 'custom', message: `drawnSignature: the drawing ${problem}` });
    return new Uint8Array(bytes);
  })
  .describe(
    'The signature drawn on the signature pad: a PNG, base64 (a `data:image/png;base64,` URL is fine).',
  );

export const signInput = z.object({
  requestId: entityId,
  signerName: name.describe(
    'The signer’s full name: their typed signature, or the name a drawn signature stands for.',
  ),
  drawnSignature: drawnSignature.optional(),
  consent: z.literal(true, {
    error: 'consent: tick the box to agree to sign electronically, then sign again',
  }),
});

const sha256 = z.string().describe('SHA-256, lower-case hex.');

export const signatureEventView = z.object({
  seq: z.number().int(),
  step: z.string().describe(`One of ${SIGNATURE_STEPS.join(', ')}.`),
  actor: z.string(),
  actorName: z.string(),
  signInMethod: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  at: z.string(),
  detail: z.record(z.string(), z.string()),
  prevHash: sha256,
  hash: sha256,
});

export const signatureView = z.object({
  requestId: entityId,
  shareId: entityId,
  title: z.string(),
  status: z.enum(['pending', 'signed']),
  documentSha256: sha256.describe('SHA-256 of the PDF as it was when signing was requested.'),
  chainHead: sha256.describe('Hash of the trail’s last row.'),
  signerName: z.string().nullable(),
  signedAt: z.string().nullable(),
  signedSha256: sha256.nullable().describe('SHA-256 of the signed PDF with its certificate page.'),
  consentText: z.string(),
  trail: z.array(signatureEventView),
});

/** The e-signature vendors `send_contract` may route an addendum to, by the tool layer's provider id. */
export const VENDOR_NAMES: Readonly<Record<string, string>> = {
  'dropbox-sign': 'Dropbox Sign',
  docusign: 'DocuSign',
};

export const vendorDocumentView = z.object({
  shareId: entityId,
  title: z.string(),
  status: z.enum(['sent', 'signed']),
  vendor: z
    .string()
    .nullable()
    .describe('The e-signature vendor that has it (`Dropbox Sign`), null until the tool layer says.'),
  signedAt: z.string().nullable(),
  signedSha256: sha256
    .nullable()
    .describe("SHA-256 of the vendor's signed PDF, null until the portal has fetched it."),
});
export type VendorDocumentView = z.infer<typeof vendorDocumentView>;

export const signedPdfView = z.object({
  filename: z.string(),
  sha256,
  pdfBase64: z.string(),
});

export const verificationView = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), rows: z.number().int(), documentSha256: sha256, chainHead: sha256 }),
  z.object({
    ok: z.literal(false),
    seq: z.number().int().nullable().describe('The first broken row, or null when the trail is whole.'),
    problem: z.string(),
  }),
]);

export type SignatureRequestInput = z.infer<typeof signatureRequestInput>;
export type ByRequestId = z.infer<typeof byRequestId>;
export type SignInput = z.infer<typeof signInput>;
export type SignatureEventView = z.infer<typeof signatureEventView>;
export type SignatureView = z.infer<typeof signatureView>;
export type SignedPdfView = z.infer<typeof signedPdfView>;
export type VerificationView = z.infer<typeof verificationView>;
