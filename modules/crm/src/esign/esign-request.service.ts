import type { EventData, psaContractAmended } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';

/** Flow 7: one e-sign addendum request per contract revision, however often PSA reports it. */
export async function requestAddendum(
  tx: OrgTransaction,
  companyId: string,
  amendment: EventData<typeof psaContractAmended>,
): Promise<void> {
  await tx.crmEsignRequest.createMany({
    data: [
      {
        companyId,
        contractId: amendment.contractId,
        revision: amendment.revision,
        changes: amendment.changes,
        requestedBy: amendment.amendedBy,
        requestedAt: new Date(amendment.amendedAt),
      },
    ],
    skipDuplicates: true,
  });
}
