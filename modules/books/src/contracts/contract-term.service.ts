import {
  type EventData,
  type psaContractAmended,
  type psaContractSigned,
  termEndsOn,
} from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { creditEndedLines } from '../invoices/credit-note.service';
import { lockContract } from './contract.service';

/**
 * Flow 2: the PSA contract's term bounds the recurring lines of the current version of the deal's Books
 * contract: they end on the term's last day, or run on when the term is open. Periods billed beyond a
 * shortened term are credited. Nothing happens until both the signature and the won deal have arrived,
 * whichever comes first, nor to an ended contract. Returns the lines' new end, or undefined when nothing
 * applied.
 */
export async function applyPsaTerm(tx: OrgTransaction, crmDealId: string): Promise<Date | null | undefined> {
  const term = await tx.booksPsaContract.findFirst({ where: { crmDealId }, orderBy: { updatedAt: 'desc' } });
  const contract = await tx.booksContract.findFirst({ where: { crmDealId } });
  if (!term || term.termMonths === null || !contract || contract.status === 'ended') return undefined;
  await lockContract(tx, contract.id);
  const first = await tx.booksContractVersion.findFirst({ where: { contractId: contract.id, version: 1 } });
  const start = term.termStartsOn ?? first?.effectiveFrom;
  if (!start) return undefined;
  const endsOn = termEndsOn(start, term.termMonths);
  await tx.booksContractLine.updateMany({
    where: { contractId: contract.id, version: contract.currentVersion, cadence: { not: 'one_off' } },
    data: { endsOn },
  });
  await creditEndedLines(tx, contract.id, 'contract term shortened in PSA');
  return endsOn;
}

/** `psa.contract.signed` of a deal: its PSA contract is remembered, to follow its amendments. */
export async function linkPsaContract(
  tx: OrgTransaction,
  data: EventData<typeof psaContractSigned>,
): Promise<void> {
  if (!data.crmDealId) return;
  await tx.$executeRaw`
    INSERT INTO "books"."psa_contract" ("id", "psa_contract_id", "crm_deal_id", "updated_at")
    VALUES (gen_random_uuid(), ${data.contractId}::uuid, ${data.crmDealId}::uuid, now())
    ON CONFLICT ("org_id", "psa_contract_id") DO NOTHING`;
  await applyPsaTerm(tx, data.crmDealId);
}

/**
 * `psa.contract.amended`: a change of the term (`startDate`, `termMonths`) moves the end of the deal's
 * recurring lines. Other fields (name, terms, the PSA monthly value) do not change what Books bills: the
 * deal's line items do. Older revisions than the one applied are ignored. Returns the lines' new end, or
 * undefined when the amendment changes nothing Books bills.
 */
export async function applyPsaAmendment(
  tx: OrgTransaction,
  data: EventData<typeof psaContractAmended>,
): Promise<Date | null | undefined> {
  const link = await tx.booksPsaContract.findFirst({ where: { psaContractId: data.contractId } });
  if (!link || link.revision >= data.revision) return undefined;
  const change = (field: string) => data.changes.find((candidate) => candidate.field === field);
  const startDate = change('startDate');
  const termMonths = change('termMonths');
  await tx.booksPsaContract.update({
    where: { id: link.id },
    data: {
      revision: data.revision,
      ...(startDate && { termStartsOn: startDate.to ? new Date(`${startDate.to}T00:00:00Z`) : null }),
      ...(termMonths && { termMonths: termMonths.to ? Number(termMonths.to) : null }),
    },
  });
  if (!startDate && !termMonths) return undefined;
  return applyPsaTerm(tx, link.crmDealId);
}
