import { publish } from '@suite/bus';
import type { crmEsignRequested, EventData } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { featuresOf } from '../portals/portal.view';
import { sha256Hex } from '../shares/share.service';
import { openSignatureRequest } from '../signatures/signature.service';
import type { TrailActor } from '../signatures/signature-trail.service';
import { type AddendumSnapshot, addendumPdf } from './addendum-pdf';

const FROM_CRM: TrailActor = {
  actor: 'system:crm.esign.requested',
  actorName: 'CRM e-sign request (contract amendment)',
  signInMethod: 'bus',
  ip: 'none',
  userAgent: 'none',
};

/**
 * The e-sign portal of a company: the oldest portal with e-sign on where the company has client users,
 * else the org's oldest portal with e-sign on (the company's users, once invited, find it there).
 */
async function esignPortalOf(tx: OrgTransaction, companyId: string) {
  const portals = (await tx.portalPortal.findMany({ orderBy: { createdAt: 'asc' } })).filter((portal) =>
    featuresOf(portal).includes('esign'),
  );
  const users = await tx.portalUser.findMany({ where: { companyId }, select: { portalId: true } });
  return portals.find((portal) => users.some((user) => user.portalId === portal.id)) ?? portals[0];
}

/**
 * Flow 7 in the portal: CRM's e-sign request becomes an addendum PDF shared with the company and a
 * signature request on it, once per request however often the event comes. An org with no portal
 * showing e-sign gets nothing here (it signs through `send_contract` instead).
 */
export async function shareAddendum(
  tx: OrgTransaction,
  addendum: EventData<typeof crmEsignRequested>,
): Promise<'shared' | 'shared already' | 'no e-sign portal'> {
  const portal = await esignPortalOf(tx, addendum.companyId);
  if (!portal) return 'no e-sign portal';
  const existing = await tx.portalShare.findFirst({
    where: { kind: 'document', sourceId: addendum.esignRequestId },
  });
  if (existing) return 'shared already';
  const pdf = await addendumPdf(addendum, portal.name);
  const sha256 = sha256Hex(pdf);
  const share = await tx.portalShare.create({
    data: {
      portalId: portal.id,
      companyId: addendum.companyId,
      kind: 'document',
      sourceId: addendum.esignRequestId,
      title: `Contract addendum, revision ${addendum.revision}`,
      snapshot: addendum,
      pdf,
      sha256,
      sharedBy: FROM_CRM.actor,
    },
  });
  await openSignatureRequest(tx, share, sha256, FROM_CRM, FROM_CRM.actor);
  return 'shared';
}

/** A signed addendum tells CRM (request complete) and PSA (revision signed), with the signature's hashes. */
export async function publishAddendumSigned(
  tx: OrgTransaction,
  share: { readonly id: string; readonly snapshot: unknown; readonly companyId: string },
  signed: {
    readonly contactId: string;
    readonly documentSha256: string;
    readonly signedSha256: string;
    readonly signedAt: Date;
  },
): Promise<void> {
  const addendum = share.snapshot as AddendumSnapshot;
  await publish(tx, {
    type: 'portal.document.signed',
    data: {
      shareId: share.id,
      esignRequestId: addendum.esignRequestId,
      contractId: addendum.contractId,
      revision: addendum.revision,
      companyId: share.companyId,
      contactId: signed.contactId,
      documentSha256: signed.documentSha256,
      signedSha256: signed.signedSha256,
      signedAt: signed.signedAt.toISOString(),
    },
  });
}
