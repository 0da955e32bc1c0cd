import { found } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';
import type { ContractView, contractListInput } from './contract.schema';
import { contractView } from './contract.view';

const withLines = {
  billingAccount: { select: { crmCompanyId: true } },
  lines: { orderBy: [{ version: 'asc' as const }, { position: 'asc' as const }] },
};

export async function getContract(tx: OrgTransaction, contractId: string): Promise<ContractView> {
  return contractView(
    found(
      await tx.booksContract.findFirst({ where: { id: contractId }, include: withLines }),
      `contract ${contractId}`,
    ),
  );
}

export async function listContracts(
  tx: OrgTransaction,
  filter: z.infer<typeof contractListInput>,
): Promise<ContractView[]> {
  const rows = await tx.booksContract.findMany({
    where: {
      ...(filter.status && { status: filter.status }),
      ...(filter.crmCompanyId && { billingAccount: { crmCompanyId: filter.crmCompanyId } }),
    },
    include: withLines,
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
  return rows.map(contractView);
}

/** Locks the contract row for the rest of the transaction: versions and billing of one contract queue. */
export async function lockContract(tx: OrgTransaction, contractId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "books"."contract" WHERE "id" = ${contractId}::uuid FOR UPDATE`;
}
