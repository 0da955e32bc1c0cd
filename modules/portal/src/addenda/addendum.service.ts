import type { crmEsignRequested, EventData } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { featuresOf } from '../portals/portal.view';
import { sha256Hex } from '../shares/share.service';
import { openSignatureRequest } from '../signatures/signature.service';
import type { TrailActor } from '../signatures/signature-trail.service';
import { addendumPdf } from './addendum-pdf';
import { sendAddendumToVendor, vendorSignerOf } from './vendor-addendum.service';

const FROM_CRM: TrailActor = {
  actor: 'system:crm.esign.requested',
  actorName: 'CRM e-sign request (contract amendment)',
  signInMethod: 'bus',
  ip: 'none',
  userAgent: 'none',
};

/**
 * The e-sign portal of a company: the oldest portal with e-sign on where the company has client users
 * who are not revoked, else the org's oldest portal with e-sign on (the company's users, once invited,
 * find it there).
 */
async function esignPortalOf(tx: OrgTransaction, companyId: string) {
  const portals = (
    await tx.portalPortal.findMany({ where: { archivedAt: null }, orderBy: { createdAt: 'asc' } })
  ).filter((portal) => featuresOf(portal).includes('esign'));
  const users = await tx.portalUser.findMany({
    where: { companyId, revokedAt: null },
    select: { portalId: true },
  });
  return portals.find((portal) => users.some((user) => user.portalId === portal.id)) ?? portals[0];
}

/**
 * Flow 7 in the portal: CRM's e-sign request becomes an addendum PDF shared with the company and a
 * signature request on it, once per request however often the event comes. A portal whose e-sign route
 * is `send_contract` sends it to the org's e-signature vendor instead, when the company has a client
 * user there to sign it (decision 0154). An org with no portal showing e-sign gets nothing here.
 */
export async function shareAddendum(
  tx: OrgTransaction,
  addendum: EventData<typeof crmEsignRequested>,
): Promise<'shared' | 'sent to the e-signature vendor' | 'shared already' | 'no e-sign portal'> {
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
  const signer =
    portal.esignRoute === 'send_contract' && (await vendorSignerOf(tx, portal.id, share.companyId));
  if (!signer) {
    await openSignatureRequest(tx, share, sha256, FROM_CRM, FROM_CRM.actor);
    return 'shared';
  }
  await sendAddendumToVendor(tx, share, signer);
  return 'sent to the e-signature vendor';
}
