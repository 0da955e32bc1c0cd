import { publish } from '@suite/bus';
import type { EventData, toolsContractSigned, toolsRunCompleted } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';

/** What `send_contract` hands back on the vendor's signed webhook, naming the CRM e-sign request. */
const REFERENCE = /^crm-esign:([0-9a-f-]{36})$/;
/** The portal's id for its `send_contract` run of an addendum, naming the CRM e-sign request. */
const REQUEST = /^portal\.esign:([0-9a-f-]{36})$/;

export interface VendorSigner {
  readonly contactId: string;
  readonly email: string;
  readonly name: string;
}

/**
 * The company's first client user of the portal (revoked ones are no longer its users) signs at the
 * vendor; none, and the portal route is used.
 */
export async function vendorSignerOf(
  tx: OrgTransaction,
  portalId: string,
  companyId: string,
): Promise<VendorSigner | null> {
  return tx.portalUser.findFirst({
    where: { portalId, companyId, revokedAt: null },
    orderBy: { invitedAt: 'asc' },
    select: { contactId: true, email: true, name: true },
  });
}

/**
 * The addendum goes to the org's e-signature vendor through `send_contract`, run by the tool layer from
 * `tools.run.requested` in this transaction's outbox: the share and the ask commit together, once per
 * e-sign request (the share is unique per request), and the run's idempotency key is that one event's.
 */
export async function sendAddendumToVendor(
  tx: OrgTransaction,
  share: { readonly id: string; readonly sourceId: string; readonly title: string; readonly pdf: Uint8Array },
  signer: VendorSigner,
): Promise<void> {
  await tx.portalShare.update({ where: { id: share.id }, data: { vendorSignerId: signer.contactId } });
  await publish(tx, {
    type: 'tools.run.requested',
    data: {
      requestId: `portal.esign:${share.sourceId}`,
      tool: 'send_contract',
      input: {
        signer_email: signer.email,
        signer_name: signer.name,
        title: share.title,
        document_pdf_base64: Buffer.from(share.pdf).toString('base64'),
        reference: `crm-esign:${share.sourceId}`,
      },
      requestedBy: 'portal',
    },
  });
}

/**
 * The tool layer sent the addendum: the share learns which vendor has it, under which envelope, for the
 * client's Documents page. A failed send leaves it as it was (the run's failure is the tool layer's to show).
 */
export async function noteAddendumSent(
  tx: OrgTransaction,
  completed: EventData<typeof toolsRunCompleted>,
): Promise<'noted' | 'nothing to note'> {
  const esignRequestId = REQUEST.exec(completed.requestId)?.[1];
  const envelopeId = completed.result?.envelope_id;
  if (!esignRequestId || completed.tool !== 'send_contract' || typeof envelopeId !== 'string')
    return 'nothing to note';
  const { count } = await tx.portalShare.updateMany({
    where: { kind: 'document', sourceId: esignRequestId, vendorSignerId: { not: null }, vendor: null },
    data: { vendor: completed.provider, vendorEnvelopeId: envelopeId },
  });
  return count === 0 ? 'nothing to note' : 'noted';
}

/**
 * The vendor reports the addendum signed: the share is signed (the fact kept, once however often the
 * vendor calls) with the vendor and envelope whose signed PDF `portal.vendor-signed-files` fetches;
 * `portal.document.signed` follows when the file is in (decision 0156). Other contracts are not ours.
 */
export async function completeVendorAddendum(
  tx: OrgTransaction,
  signed: EventData<typeof toolsContractSigned>,
): Promise<'signed' | 'signed already' | 'not an addendum'> {
  const esignRequestId = REFERENCE.exec(signed.reference ?? '')?.[1];
  if (!esignRequestId) return 'not an addendum';
  const share = await tx.portalShare.findFirst({
    where: { kind: 'document', sourceId: esignRequestId, vendorSignerId: { not: null } },
  });
  if (!share?.vendorSignerId) return 'not an addendum';
  const { count } = await tx.portalShare.updateMany({
    where: { id: share.id, status: { not: 'signed' } },
    data: {
      status: 'signed',
      respondedAt: new Date(signed.signedAt),
      vendor: signed.provider,
      vendorEnvelopeId: signed.envelopeId,
    },
  });
  return count === 0 ? 'signed already' : 'signed';
}
