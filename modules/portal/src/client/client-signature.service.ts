import { conflict, found } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { publishAddendumSigned } from '../addenda/addendum-signed.service';
import type { PortalRecord } from '../portals/portal.view';
import { sha256Hex } from '../shares/share.service';
import type { PortalUserRecord } from '../sign-in/session.service';
import {
  type ByRequestId,
  CONSENT_TEXT,
  type SignatureView,
  type SignInput,
} from '../signatures/signature.schema';
import { signatureView, signatureViews } from '../signatures/signature.service';
import { type SignatureRequestRecord, toChainedRow } from '../signatures/signature.view';
import { signedPdf } from '../signatures/signature-certificate';
import {
  appendSignatureEvent,
  clientActor,
  lockSignatureRequest,
  trailOf,
} from '../signatures/signature-trail.service';

interface Client {
  readonly client: PortalUserRecord;
  readonly portal: PortalRecord;
  readonly signInMethod: string;
  readonly ip?: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

const withShare = { share: { select: { title: true, signedSha256: true } } } as const;

/** A request to the client's own company on this portal, locked for this transaction; any other is "not found". */
async function ownRequest(tx: OrgTransaction, requestId: string, { client, portal }: Client) {
  const request = found(
    await tx.portalSignatureRequest.findFirst({
      where: { id: requestId, portalId: portal.id, companyId: client.companyId },
      select: { id: true },
    }),
    `signature request ${requestId}`,
  );
  await lockSignatureRequest(tx, request.id);
  return tx.portalSignatureRequest.findUniqueOrThrow({ where: { id: request.id }, include: withShare });
}

export async function listClientSignatures(
  tx: OrgTransaction,
  _input: undefined,
  { client, portal }: Client,
): Promise<SignatureView[]> {
  const requests = await tx.portalSignatureRequest.findMany({
    where: { portalId: portal.id, companyId: client.companyId },
    include: withShare,
    orderBy: { createdAt: 'desc' },
  });
  return signatureViews(tx, requests);
}

/** Opening a request to review it is a `viewed` row while it waits; a signed trail is closed. */
export async function openClientSignature(
  tx: OrgTransaction,
  { requestId }: ByRequestId,
  caller: Client,
): Promise<SignatureView> {
  const request = await ownRequest(tx, requestId, caller);
  if (request.status === 'pending')
    await appendSignatureEvent(tx, request.id, 'viewed', clientActor(caller), {
      documentSha256: request.documentSha256,
    });
  return signatureView(
    tx,
    await tx.portalSignatureRequest.findUniqueOrThrow({ where: { id: request.id }, include: withShare }),
  );
}

/** Refuses a signature on a PDF whose bytes are no longer those the request fixed. */
async function unchangedDocument(tx: OrgTransaction, request: SignatureRequestRecord, portal: PortalRecord) {
  const share = await tx.portalShare.findUniqueOrThrow({ where: { id: request.shareId } });
  const now = sha256Hex(share.pdf);
  if (now !== request.documentSha256)
    throw conflict(
      `requestId: the document changed after signing was requested (SHA-256 then ${request.documentSha256}, now ${now}); nothing was signed, ask ${portal.name} to send it again`,
    );
  return share;
}

/**
 * The client signs with their typed name, or draws a signature, after ticking consent: the PDF's hash is
 * checked again, the trail gains `consented` and `signed` (with the drawing's SHA-256; the PNG is kept
 * on the request), and the signed PDF (original pages and a certificate page
 * carrying the whole trail) is stored on the share with its own SHA-256.
 */
export async function signDocument(
  tx: OrgTransaction,
  input: SignInput,
  caller: Client,
): Promise<SignatureView> {
  const request = await ownRequest(tx, input.requestId, caller);
  if (request.status === 'signed')
    throw conflict(
      `requestId: ${request.share.title} was signed already by ${request.signerName} at ${request.signedAt?.toISOString()}`,
    );
  const share = await unchangedDocument(tx, request, caller.portal);
  const by = clientActor(caller);
  await appendSignatureEvent(tx, request.id, 'consented', by, { consentText: CONSENT_TEXT });
  const signedAt = new Date();
  const drawing = input.drawnSignature;
  await appendSignatureEvent(
    tx,
    request.id,
    'signed',
    by,
    {
      documentSha256: request.documentSha256,
      signerName: input.signerName,
      ...(drawing
        ? { signatureMethod: 'drawn', drawnSignatureSha256: sha256Hex(drawing) }
        : { signatureMethod: 'typed' }),
    },
    signedAt,
  );
  const trail = await trailOf(tx, request.id);
  const pdf = await signedPdf(share.pdf, {
    requestId: request.id,
    title: share.title,
    documentSha256: request.documentSha256,
    signerName: input.signerName,
    signedAt,
    trail: trail.map(toChainedRow),
    ...(drawing && { drawnSignature: drawing }),
  });
  const signedSha256 = sha256Hex(pdf);
  await tx.portalShare.update({ where: { id: share.id }, data: { signedPdf: pdf, signedSha256 } });
  if (share.kind === 'document')
    await publishAddendumSigned(tx, share, {
      contactId: caller.client.contactId,
      documentSha256: request.documentSha256,
      signedSha256,
      signedVia: 'portal',
      signedAt,
    });
  const signed = await tx.portalSignatureRequest.update({
    where: { id: request.id },
    data: {
      status: 'signed',
      signerName: input.signerName,
      signedBy: caller.client.id,
      signedAt,
      ...(drawing && { drawnSignature: drawing }),
    },
    include: withShare,
  });
  return signatureView(tx, signed);
}
