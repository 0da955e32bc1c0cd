import { conflict, found } from '@suite/contracts';
import type { OrgTransaction, PrismaClient } from '@suite/db';
import { sha256Hex } from '../shares/share.service';
import type {
  ByRequestId,
  SignatureRequestInput,
  SignatureView,
  SignedPdfView,
  VerificationView,
} from './signature.schema';
import { type SignatureRequestRecord, toChainedRow, toSignatureView } from './signature.view';
import { checkChain, GENESIS_HASH } from './signature-chain';
import {
  appendSignatureEvent,
  lockSignatureRequest,
  type SignatureEventRecord,
  staffActor,
  type TrailActor,
  trailOf,
  trailsOf,
} from './signature-trail.service';

type StaffCaller = Parameters<typeof staffActor>[0];

const withShare = { share: { select: { title: true, signedSha256: true } } } as const;

export async function signatureView(
  tx: OrgTransaction,
  request: SignatureRequestRecord,
): Promise<SignatureView> {
  return toSignatureView(request, await trailOf(tx, request.id));
}

/** Several requests' views, their trails read in one query. */
export async function signatureViews(
  tx: OrgTransaction,
  requests: readonly SignatureRequestRecord[],
): Promise<SignatureView[]> {
  const trails = new Map(requests.map((request) => [request.id, [] as SignatureEventRecord[]]));
  for (const event of await trailsOf(tx, [...trails.keys()])) trails.get(event.requestId)?.push(event);
  return requests.map((request) => toSignatureView(request, trails.get(request.id) ?? []));
}

/**
 * Staff ask the share's client company to sign its PDF: the SHA-256 of the PDF's bytes, computed now,
 * is what the signature will be checked against. Asking again returns the same request.
 */
export async function requestSignature(
  tx: OrgTransaction,
  { shareId }: SignatureRequestInput,
  staff: StaffCaller,
): Promise<SignatureView> {
  const share = found(await tx.portalShare.findUnique({ where: { id: shareId } }), `share ${shareId}`);
  const existing = await tx.portalSignatureRequest.findUnique({ where: { shareId }, include: withShare });
  if (existing) return signatureView(tx, existing);
  const documentSha256 = sha256Hex(share.pdf);
  if (documentSha256 !== share.sha256)
    throw conflict(
      `shareId: the stored PDF is SHA-256 ${documentSha256} but was shared as ${share.sha256}; share the document again`,
    );
  const requestId = await openSignatureRequest(tx, share, documentSha256, staffActor(staff), staff.user.id);
  return getSignature(tx, { requestId });
}

/** A new request on a share whose PDF hashes to `documentSha256`, its trail begun with `created`. */
export async function openSignatureRequest(
  tx: OrgTransaction,
  share: {
    readonly id: string;
    readonly portalId: string;
    readonly companyId: string;
    readonly title: string;
  },
  documentSha256: string,
  by: TrailActor,
  requestedBy: string,
): Promise<string> {
  const request = await tx.portalSignatureRequest.create({
    data: {
      portalId: share.portalId,
      companyId: share.companyId,
      shareId: share.id,
      documentSha256,
      chainHead: GENESIS_HASH,
      requestedBy,
    },
  });
  await lockSignatureRequest(tx, request.id);
  await appendSignatureEvent(tx, request.id, 'created', by, {
    documentSha256,
    shareId: share.id,
    title: share.title,
  });
  return request.id;
}

export async function signatureInOrg(tx: OrgTransaction, requestId: string): Promise<SignatureRequestRecord> {
  return found(
    await tx.portalSignatureRequest.findUnique({ where: { id: requestId }, include: withShare }),
    `signature request ${requestId}`,
  );
}

export async function getSignature(tx: OrgTransaction, { requestId }: ByRequestId): Promise<SignatureView> {
  return signatureView(tx, await signatureInOrg(tx, requestId));
}

/** The signed PDF (original pages and certificate page) as staff download it. */
export async function signedPdfOf(tx: OrgTransaction, { requestId }: ByRequestId): Promise<SignedPdfView> {
  const request = await signatureInOrg(tx, requestId);
  const share = await tx.portalShare.findUniqueOrThrow({ where: { id: request.shareId } });
  if (!share.signedPdf || !share.signedSha256)
    throw conflict(
      `requestId: ${share.title} is not signed yet; the signed PDF exists once the client signs`,
    );
  return {
    filename: `${share.title} (signed).pdf`,
    sha256: share.signedSha256,
    pdfBase64: Buffer.from(share.signedPdf).toString('base64'),
  };
}

/**
 * Recomputes the evidence: every trail row's hash from the row before, the request's chain head, the
 * PDF's SHA-256 against the one fixed at creation, and the signed PDF's against the one stored.
 */
export async function verifySignature(
  tx: OrgTransaction,
  { requestId }: ByRequestId,
): Promise<VerificationView> {
  const request = await signatureInOrg(tx, requestId);
  const trail = (await trailOf(tx, requestId)).map(toChainedRow);
  const chain = checkChain(trail);
  if (!chain.ok) return { ok: false, seq: chain.seq, problem: chain.problem };
  const broken = (problem: string): VerificationView => ({ ok: false, seq: null, problem });
  if (chain.head !== request.chainHead)
    return broken(`the request's chain head ${request.chainHead} is not the last row's hash ${chain.head}`);
  const created = trail[0];
  if (!created) return broken('the trail has no rows, not even its created row');
  if (created.detail.documentSha256 !== request.documentSha256)
    return broken(
      `row 1 (created) records document SHA-256 ${created.detail.documentSha256}, the request ${request.documentSha256}`,
    );
  const share = await tx.portalShare.findUniqueOrThrow({ where: { id: request.shareId } });
  const documentSha256 = sha256Hex(share.pdf);
  if (documentSha256 !== request.documentSha256)
    return broken(
      `the document is now SHA-256 ${documentSha256}, not ${request.documentSha256} as requested`,
    );
  const drawnSha256 = trail.find((row) => row.step === 'signed')?.detail.drawnSignatureSha256;
  if (drawnSha256 !== undefined) {
    const drawn = request.drawnSignature ? sha256Hex(request.drawnSignature) : 'missing';
    if (drawn !== drawnSha256)
      return broken(`the drawn signature is SHA-256 ${drawn}, not ${drawnSha256} as the signed row records`);
  }
  if (request.status === 'signed') {
    const signed = share.signedPdf ? sha256Hex(share.signedPdf) : 'missing';
    if (signed !== share.signedSha256)
      return broken(`the signed PDF is SHA-256 ${signed}, not ${share.signedSha256} as stored`);
  }
  return { ok: true, rows: trail.length, documentSha256, chainHead: chain.head };
}

/** The org of a signature request, for an operator's command that is given only its id. */
export async function orgOfSignature(system: PrismaClient, requestId: string): Promise<string | null> {
  const request = await system.portalSignatureRequest.findUnique({
    where: { id: requestId },
    select: { orgId: true },
  });
  return request?.orgId ?? null;
}
