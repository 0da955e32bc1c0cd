import type { Prisma } from '@suite/db';
import { CONSENT_TEXT, type SignatureView } from './signature.schema';
import type { ChainedRow } from './signature-chain';
import type { SignatureEventRecord } from './signature-trail.service';

export type SignatureRequestRecord = Prisma.PortalSignatureRequestGetPayload<{
  include: { share: { select: { title: true; signedSha256: true } } };
}>;

/** A stored row as the chain hashes it: its detail is the flat string map it was written as. */
export function toChainedRow(event: SignatureEventRecord): ChainedRow {
  const detail =
    event.detail && typeof event.detail === 'object' && !Array.isArray(event.detail) ? event.detail : {};
  return {
    ...event,
    detail: Object.fromEntries(Object.entries(detail).map(([key, value]) => [key, String(value)])),
  };
}

export function toSignatureView(
  request: SignatureRequestRecord,
  trail: readonly SignatureEventRecord[],
): SignatureView {
  return {
    requestId: request.id,
    shareId: request.shareId,
    title: request.share.title,
    status: request.status,
    documentSha256: request.documentSha256,
    chainHead: request.chainHead,
    signerName: request.signerName,
    signedAt: request.signedAt?.toISOString() ?? null,
    signedSha256: request.share.signedSha256,
    consentText: CONSENT_TEXT,
    trail: trail.map((event) => {
      const row = toChainedRow(event);
      return { ...row, at: row.at.toISOString() };
    }),
  };
}
