import { conflict, found } from '@suite/contracts';
import type { OrgScope, OrgTransaction } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import type { ByShareId, ShareView } from '../shares/share.schema';
import { toShareView } from '../shares/share.view';
import { fetchSignedContract } from '../tools/tools.client';
import { storeVendorSignedFile } from './vendor-signed-file.service';

async function vendorSignedShare(tx: OrgTransaction, shareId: string) {
  const share = found(await tx.portalShare.findFirst({ where: { id: shareId } }), `share ${shareId}`);
  if (share.status !== 'signed' || !share.vendorEnvelopeId)
    throw conflict(
      `shareId: share ${shareId} is not an addendum signed at an e-signature vendor; there is no signed PDF to fetch`,
    );
  return { share, envelopeId: share.vendorEnvelopeId };
}

/**
 * Staff fetch the vendor's signed PDF of an addendum now, typically after the job gave up (decision
 * 0157). The fetch runs outside any transaction; a refusal is the tool layer's 502 with the vendor's
 * reason and changes nothing. A file already in is answered as it is.
 */
export async function retrySignedFile(
  tenant: OrgScope,
  { shareId }: ByShareId,
  staff: { readonly orgId: string; readonly integrations: IntegrationClients },
): Promise<ShareView> {
  const { share, envelopeId } = await tenant.transaction((tx) => vendorSignedShare(tx, shareId));
  if (share.signedPdf) return toShareView(share);
  const pdf = await fetchSignedContract(staff.integrations, staff.orgId, envelopeId);
  return tenant.transaction(async (tx) => {
    await storeVendorSignedFile(tx, shareId, pdf);
    return toShareView(await tx.portalShare.findUniqueOrThrow({ where: { id: shareId } }));
  });
}
