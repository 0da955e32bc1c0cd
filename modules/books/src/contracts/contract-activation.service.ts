import { publish } from '@suite/bus';
import { conflict, found } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { fromMinor } from '../money/money';
import type { ContractView } from './contract.schema';
import { getContract } from './contract.service';

/**
 * Activates a draft contract (approval by a person with books.billing.manage, or `auto` by the org
 * setting) and publishes `books.contract.activated`. A contract with flagged lines is refused: nothing
 * is billed to an unknown GL account.
 */
export async function activateContract(
  tx: OrgTransaction,
  contractId: string,
  activatedBy: string,
): Promise<ContractView> {
  const contract = found(
    await tx.booksContract.findFirst({ where: { id: contractId }, include: { billingAccount: true } }),
    `contract ${contractId}`,
  );
  if (contract.status !== 'draft')
    throw conflict(`contract ${contractId} is ${contract.status}; only a draft can be approved`);
  const flagged = await tx.booksContractLine.findMany({
    where: { contractId, glAccountId: null },
    orderBy: { position: 'asc' },
  });
  if (flagged.length > 0)
    throw conflict(
      `contract ${contractId} has lines without a GL account (${flagged.map((line) => line.itemCode).join(', ')}); ` +
        'map those item codes (gl.mapItem) or set the org default (gl.setDefault), then approve',
    );
  const activatedAt = new Date();
  const { count } = await tx.booksContract.updateMany({
    where: { id: contractId, status: 'draft' },
    data: { status: 'active', activatedAt, activatedBy },
  });
  if (count === 0) throw conflict(`contract ${contractId} was approved meanwhile`);
  await publish(tx, {
    type: 'books.contract.activated',
    data: {
      contractId,
      billingAccountId: contract.billingAccountId,
      crmCompanyId: contract.billingAccount.crmCompanyId,
      crmDealId: contract.crmDealId,
      currency: contract.currency,
      mrr: fromMinor(contract.mrrMinor, contract.currency),
      activatedBy,
      activatedAt: activatedAt.toISOString(),
    },
  });
  return getContract(tx, contractId);
}
