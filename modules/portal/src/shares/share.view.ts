import type { Prisma } from '@suite/db';
import type { ShareView } from './share.schema';

export type ShareRecord = Prisma.PortalShareGetPayload<object>;

export function toShareView(share: ShareRecord): ShareView {
  return {
    shareId: share.id,
    portalId: share.portalId,
    companyId: share.companyId,
    kind: share.kind,
    title: share.title,
    status: share.status,
    sha256: share.sha256,
    responseComment: share.responseComment,
    respondedAt: share.respondedAt?.toISOString() ?? null,
    sharedAt: share.createdAt.toISOString(),
    vendor: share.vendor,
    signedFile: signedFileOf(share),
  };
}

function signedFileOf(share: ShareRecord): ShareView['signedFile'] {
  if (share.status !== 'signed' || !share.vendorEnvelopeId) return null;
  return {
    state: share.signedPdf ? 'stored' : share.signedFileGaveUpAt ? 'gave up' : 'fetching',
    attempts: share.signedFileAttempts,
    lastError: share.signedFileError,
    nextAttemptAt: share.signedFileRetryAt?.toISOString() ?? null,
    gaveUpAt: share.signedFileGaveUpAt?.toISOString() ?? null,
  };
}
