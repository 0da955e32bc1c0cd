import type { OrgTransaction, PrismaClient } from '@suite/db';
import { sha256Hex } from '../shares/share.service';
import type { ShareRecord } from '../shares/share.view';
import { publishAddendumSigned } from './addendum-signed.service';

export interface AwaitingFile {
  readonly shareId: string;
  readonly envelopeId: string;
}

/**
 * Addenda signed at the vendor whose signed PDF is not in yet and whose next fetch is due at `now`,
 * oldest signature first; those the job gave up on wait for staff (decision 0157).
 */
export async function addendaAwaitingSignedFile(
  tx: OrgTransaction,
  limit: number,
  now: Date,
): Promise<AwaitingFile[]> {
  const shares = await tx.portalShare.findMany({
    where: {
      status: 'signed',
      vendorEnvelopeId: { not: null },
      signedPdf: null,
      signedFileGaveUpAt: null,
      OR: [{ signedFileRetryAt: null }, { signedFileRetryAt: { lte: now } }],
    },
    orderBy: { respondedAt: 'asc' },
    take: limit,
    select: { id: true, vendorEnvelopeId: true },
  });
  return shares.flatMap(({ id, vendorEnvelopeId }) =>
    vendorEnvelopeId ? [{ shareId: id, envelopeId: vendorEnvelopeId }] : [],
  );
}

/**
 * Stores the vendor's signed PDF with its SHA-256 and publishes `portal.document.signed` carrying that
 * hash, as a portal signature does; only the first file stored counts, so the event goes out once. After
 * the job gave up the event is out already (without the hash), so a file fetched later publishes nothing.
 */
export async function storeVendorSignedFile(
  tx: OrgTransaction,
  shareId: string,
  pdf: Uint8Array<ArrayBuffer>,
): Promise<'stored' | 'stored already'> {
  const signedSha256 = sha256Hex(pdf);
  const { count } = await tx.portalShare.updateMany({
    where: { id: shareId, status: 'signed', signedPdf: null },
    data: { signedPdf: pdf, signedSha256, signedFileError: null, signedFileRetryAt: null },
  });
  if (count === 0) return 'stored already';
  const share = await tx.portalShare.findUniqueOrThrow({ where: { id: shareId } });
  if (!share.signedFileGaveUpAt) await publishVendorSignature(tx, share, signedSha256);
  return 'stored';
}

/** `portal.document.signed` for an addendum signed at the vendor, with the signed file's hash if it is in. */
export async function publishVendorSignature(
  tx: OrgTransaction,
  share: ShareRecord,
  signedSha256: string | null,
): Promise<void> {
  const { id, vendorSignerId, vendor, respondedAt } = share;
  // Set together when the vendor's signature was recorded (completeVendorAddendum).
  if (!vendorSignerId || !vendor || !respondedAt) throw new Error(`share ${id} was not signed at a vendor`);
  await publishAddendumSigned(tx, share, {
    contactId: vendorSignerId,
    documentSha256: share.sha256,
    signedSha256,
    signedVia: vendor,
    signedAt: respondedAt,
  });
}

export type VendorSignatureCheck =
  | {
      readonly ok: true;
      readonly vendor: string;
      readonly envelopeId: string;
      readonly documentSha256: string;
      readonly signedSha256: string;
    }
  | { readonly ok: false; readonly problem: string };

/**
 * What the suite can check of an addendum signed at the vendor: the PDF it sent still hashes as shared,
 * and the vendor's signed PDF as stored when it was fetched. The audit trail is the vendor's.
 */
export async function verifyVendorSignature(
  tx: OrgTransaction,
  shareId: string,
): Promise<VendorSignatureCheck> {
  const share = await tx.portalShare.findUniqueOrThrow({ where: { id: shareId } });
  if (share.status !== 'signed' || !share.vendor || !share.vendorEnvelopeId)
    return { ok: false, problem: 'the vendor has not reported it signed yet' };
  if (!share.signedPdf || !share.signedSha256)
    return {
      ok: false,
      problem: share.signedFileGaveUpAt
        ? `the signed PDF was never served by ${share.vendor} (${share.signedFileError ?? 'no reason given'}); staff can retry the fetch`
        : `the signed PDF is not fetched from ${share.vendor} yet (retried with back-off)`,
    };
  const documentSha256 = sha256Hex(share.pdf);
  if (documentSha256 !== share.sha256)
    return {
      ok: false,
      problem: `the document sent is now SHA-256 ${documentSha256}, not ${share.sha256} as shared`,
    };
  const signedSha256 = sha256Hex(share.signedPdf);
  if (signedSha256 !== share.signedSha256)
    return {
      ok: false,
      problem: `the vendor's signed PDF is SHA-256 ${signedSha256}, not ${share.signedSha256} as stored`,
    };
  return { ok: true, vendor: share.vendor, envelopeId: share.vendorEnvelopeId, documentSha256, signedSha256 };
}

/** The org of an addendum sent to an e-signature vendor, for an operator's command given only its id. */
export async function orgOfVendorSignature(system: PrismaClient, shareId: string): Promise<string | null> {
  const share = await system.portalShare.findFirst({
    where: { id: shareId, vendorSignerId: { not: null } },
    select: { orgId: true },
  });
  return share?.orgId ?? null;
}
