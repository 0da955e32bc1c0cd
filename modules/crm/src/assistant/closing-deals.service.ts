import { decodeOffset, pageOf } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { ClosingInput, ClosingView } from './assistant.schema';
import { compactDeal, OPEN_STAGES } from './compact-deal';

/** Open deals expected to close in the current UTC month, soonest first. */
export async function dealsClosingThisMonth(
  tx: OrgTransaction,
  input: ClosingInput,
  now = new Date(),
): Promise<ClosingView> {
  const offset = decodeOffset(input.cursor);
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const deals = await tx.crmDeal.findMany({
    where: { stage: { in: [...OPEN_STAGES] }, expectedCloseDate: { gte: start, lt: end } },
    include: { company: { select: { name: true } } },
    orderBy: [{ expectedCloseDate: 'asc' }, { id: 'asc' }],
    skip: offset,
    take: input.limit + 1,
  });
  const rows = deals.map((deal) => ({
    ...compactDeal(deal),
    companyId: deal.companyId,
    companyName: deal.company.name,
  }));
  return { month: start.toISOString().slice(0, 7), ...pageOf(rows, offset, input.limit) };
}
