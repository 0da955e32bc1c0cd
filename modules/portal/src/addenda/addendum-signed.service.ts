import { publish } from '@suite/bus';
import type { OrgTransaction } from '@suite/db';
import type { AddendumSnapshot } from './addendum-pdf';

/** A signed addendum (in the portal or at the vendor) tells CRM (request complete) and PSA (revision signed), with the signature's hashes. */
export async function publishAddendumSigned(
  tx: OrgTransaction,
  share: { readonly id: string; readonly snapshot: unknown; readonly companyId: string },
  signed: {
    readonly contactId: string;
    readonly documentSha256: string;
    readonly signedSha256: string | null;
    readonly signedVia: string;
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
      signedVia: signed.signedVia,
      signedAt: signed.signedAt.toISOString(),
    },
  });
}
