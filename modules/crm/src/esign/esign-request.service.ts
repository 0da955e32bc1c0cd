import { publish } from '@suite/bus';
import type { EventData, portalDocumentSigned, psaContractAmended } from '@suite/contracts';
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
  const { count } = await tx.crmEsignRequest.createMany({
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
  if (count === 0) return;
  const request = await tx.crmEsignRequest.findFirstOrThrow({
    where: { contractId: amendment.contractId, revision: amendment.revision },
  });
  // The portal shares the addendum with the company's client users for signature.
  await publish(tx, {
    type: 'crm.esign.requested',
    data: {
      esignRequestId: request.id,
      companyId: company.id,
      contractId: amendment.contractId,
      revision: amendment.revision,
      changes: amendment.changes,
      requestedAt: amendment.amendedAt,
    },
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

/** The client signed the addendum in the portal: the request is complete, and the timeline says so. */
export async function completeAddendum(
  tx: OrgTransaction,
  signed: EventData<typeof portalDocumentSigned>,
  eventId: string,
): Promise<void> {
  const { count } = await tx.crmEsignRequest.updateMany({
    where: { id: signed.esignRequestId, status: { not: 'completed' } },
    data: { status: 'completed' },
  });
  if (count === 0) return;
  await recordActivity(tx, {
    companyId: signed.companyId,
    kind: 'esign.completed',
    title: `E-sign addendum signed for contract revision ${signed.revision}`,
    detail: {
      contractId: signed.contractId,
      revision: signed.revision,
      contactId: signed.contactId,
      signedSha256: signed.signedSha256,
    },
    occurredAt: new Date(signed.signedAt),
    sourceKey: eventId,
  });
}
