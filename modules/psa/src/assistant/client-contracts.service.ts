import { decodeOffset, formatMoney, pageOf, termEndsOn } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { ClientContractsInput, ClientContractsView } from './assistant.schema';
import { compactClient } from './compact-client.service';

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

/** A client's contracts, newest first: status, term (start, months, last day) and value. */
export async function clientContracts(
  tx: OrgTransaction,
  input: ClientContractsInput,
): Promise<ClientContractsView> {
  const client = await compactClient(tx, input.clientId);
  const offset = decodeOffset(input.cursor);
  const contracts = await tx.psaContract.findMany({
    where: { clientId: client.clientId },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    skip: offset,
    take: input.limit + 1,
  });
  const rows = contracts.map((contract) => {
    const { startDate, termMonths } = contract;
    return {
      contractId: contract.id,
      name: contract.name,
      status: contract.status,
      revision: contract.revision,
      monthlyValue: formatMoney(contract.monthlyValue),
      currency: contract.currency,
      startDate: startDate && isoDay(startDate),
      termMonths,
      endDate: startDate && termMonths ? isoDay(termEndsOn(startDate, termMonths)) : null,
      termValue: termMonths ? formatMoney(contract.monthlyValue.mul(termMonths)) : null,
      signedAt: contract.signedAt?.toISOString() ?? null,
    };
  });
  return { client, ...pageOf(rows, offset, input.limit) };
}
