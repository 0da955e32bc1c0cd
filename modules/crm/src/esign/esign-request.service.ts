import type { EventData, psaContractAmended } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { recordActivity } from '../activity/activity.service';
import { companyOfEvent } from '../companies/company.service';

/** Flow 7: one e-sign addendum request per contract revision, however often PSA reports it. */
export async function requestAddendum(
  tx: OrgTransaction,
  amendment: EventData<typeof psaContractAmended>,
  eventId: string,
): Promise<void> {
  const company = await companyOfEvent(tx, amendment.crmCompanyId, 'psa.contract.amended');
  await tx.crmEsignRequest.createMany({
    data: [
      {
        companyId: company.id,
        contractId: amendment.contractId,
        revision: amendment.revision,
        changes: amendment.changes,
        requestedBy: amendment.amendedBy,
        requestedAt: new Date(amendment.amendedAt),
      },
    ],
    skipDuplicates: true,
  });
  await recordActivity(tx, {
    companyId: company.id,
    kind: 'esign.requested',
    title: `E-sign addendum requested for contract revision ${amendment.revision}`,
    detail: { contractId: amendment.contractId, revision: amendment.revision, changes: amendment.changes },
    occurredAt: new Date(amendment.amendedAt),
    sourceKey: eventId,
  });
}
