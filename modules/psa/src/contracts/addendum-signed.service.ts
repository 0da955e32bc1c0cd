import type { EventData, portalDocumentSigned } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { markContractSigned } from './contract.service';

/**
 * Flow 7 closes in PSA: the client signed the addendum of a contract revision in the portal, so that
 * revision is signed (by the client's CRM contact). An addendum of an older revision than the contract's
 * current one signs nothing: the newer revision waits for its own.
 */
export async function signAddendum(
  tx: OrgTransaction,
  signed: EventData<typeof portalDocumentSigned>,
): Promise<'signed' | 'stale' | 'unknown contract'> {
  const contract = await tx.psaContract.findFirst({
    where: { id: signed.contractId },
    include: { client: true },
  });
  if (!contract) return 'unknown contract';
  if (contract.revision !== signed.revision) return 'stale';
  await markContractSigned(tx, contract, new Date(signed.signedAt), `crm-contact:${signed.contactId}`);
  return 'signed';
}
