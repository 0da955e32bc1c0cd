import type { OrgTransaction } from '@suite/db';
import type { PortalRecord } from '../portals/portal.view';
import type { PortalUserRecord } from '../sign-in/session.service';
import { VENDOR_NAMES, type VendorDocumentView } from '../signatures/signature.schema';

/**
 * Addenda the company signs at the org's e-signature vendor (by email, not here): sent, or signed with
 * the vendor's PDF to download once the portal has it. Nothing to sign in the portal.
 */
export async function listVendorDocuments(
  tx: OrgTransaction,
  _input: undefined,
  { client, portal }: { readonly client: PortalUserRecord; readonly portal: PortalRecord },
): Promise<VendorDocumentView[]> {
  const shares = await tx.portalShare.findMany({
    where: {
      portalId: portal.id,
      companyId: client.companyId,
      kind: 'document',
      vendorSignerId: { not: null },
    },
    orderBy: { createdAt: 'desc' },
  });
  return shares.map((share) => ({
    shareId: share.id,
    title: share.title,
    status: share.status === 'signed' ? 'signed' : 'sent',
    vendor: share.vendor ? (VENDOR_NAMES[share.vendor] ?? share.vendor) : null,
    signedAt: share.respondedAt?.toISOString() ?? null,
    signedSha256: share.signedSha256,
  }));
}
