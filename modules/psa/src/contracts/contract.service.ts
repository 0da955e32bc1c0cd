import { publish } from '@suite/bus';
import { conflict, formatMoney, found, invalid } from '@suite/contracts';
import { type OrgTransaction, Prisma } from '@suite/db';
import type {
  Amendment,
  ByContractId,
  ContractAmendInput,
  ContractListInput,
  ContractView,
} from './contract.schema';
import { toContractView } from './contract.view';

type Staff = { readonly user: { readonly id: string } };

async function contractWithClient(
  tx: OrgTransaction,
  contractId: string,
): Promise<Prisma.PsaContractGetPayload<{ include: { client: true } }>> {
  const contract = await tx.psaContract.findFirst({ where: { id: contractId }, include: { client: true } });
  return found(contract, `contract ${contractId}`);
}

export async function listContracts(
  tx: OrgTransaction,
  { clientId }: ContractListInput,
): Promise<ContractView[]> {
  const rows = await tx.psaContract.findMany({ where: { clientId }, orderBy: { createdAt: 'asc' } });
  return rows.map(toContractView);
}

/** Signs a draft or sent contract and tells CRM (flow 8: the linked deal closes as won). */
export async function signContract(
  tx: OrgTransaction,
  { contractId }: ByContractId,
  staff: Staff,
): Promise<ContractView> {
  const contract = await contractWithClient(tx, contractId);
  if (contract.status === 'signed')
    throw conflict(
      `contract ${contractId} is already signed (revision ${contract.revision}); amend it to change it`,
    );
  return markContractSigned(tx, contract, new Date(), staff.user.id);
}

/**
 * Marks the contract (its current revision) signed and tells CRM, in the same transaction (flow 8: the
 * linked deal closes as won): staff signing it, or the client signing an addendum in the portal.
 */
export async function markContractSigned(
  tx: OrgTransaction,
  contract: Prisma.PsaContractGetPayload<{ include: { client: true } }>,
  signedAt: Date,
  signedBy: string,
): Promise<ContractView> {
  const signed = await tx.psaContract.update({
    where: { id: contract.id },
    data: { status: 'signed', signedAt, signedBy },
  });
  const view = toContractView(signed);
  await publish(tx, {
    type: 'psa.contract.signed',
    data: {
      contractId: contract.id,
      clientId: contract.clientId,
      crmCompanyId: contract.client.crmCompanyId,
      crmDealId: contract.crmDealId,
      name: view.name,
      monthlyValue: view.monthlyValue,
      signedAt: signedAt.toISOString(),
    },
  });
  return view;
}

/** A field's value as the event carries it; money in its two-decimal form, so "1500" equals "1500.00". */
function asText(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return field === 'monthlyValue' ? formatMoney(new Prisma.Decimal(String(value))) : String(value);
}

/** The fields whose value the amendment changes, as the event's `{ field, from, to }` strings. */
function changesOf(current: ContractView, amendment: Amendment) {
  return Object.entries(amendment).flatMap(([field, to]) => {
    const from = asText(field, current[field as keyof Amendment]);
    const next = asText(field, to);
    return next === from || to === undefined ? [] : [{ field, from, to: next }];
  });
}

/** Changes a signed contract as a new revision and tells CRM (flow 7: an e-sign addendum). */
export async function amendContract(
  tx: OrgTransaction,
  { contractId, changes: amendment }: ContractAmendInput,
  staff: Staff,
): Promise<ContractView> {
  const contract = await contractWithClient(tx, contractId);
  if (contract.status !== 'signed')
    throw conflict(
      `contract ${contractId} is ${contract.status}, not signed; only signed contracts are amended`,
    );
  const changes = changesOf(toContractView(contract), amendment);
  if (changes.length === 0)
    throw invalid(
      `the amendment changes nothing on contract ${contractId}; give at least one new value`,
      'changes',
    );
  const amended = await tx.psaContract.update({
    where: { id: contractId },
    data: {
      ...amendment,
      startDate:
        amendment.startDate === undefined ? undefined : amendment.startDate && new Date(amendment.startDate),
      revision: { increment: 1 },
    },
  });
  await publish(tx, {
    type: 'psa.contract.amended',
    data: {
      contractId,
      clientId: contract.clientId,
      crmCompanyId: contract.client.crmCompanyId,
      revision: amended.revision,
      changes,
      amendedBy: staff.user.id,
      amendedAt: amended.updatedAt.toISOString(),
    },
  });
  return toContractView(amended);
}
