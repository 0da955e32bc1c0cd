import type { OrgTransaction, Prisma } from '@suite/db';
import { companyInOrg } from '../companies/company.service';
import { CSAT_WINDOW_DAYS, computeHealth, HEALTH_FORMULA, type HealthInput } from './health-formula';

const DAY_MS = 86_400_000;

/** Recomputes and stores the company's health score from its CSAT answers and ticket load. */
export async function recomputeHealth(
  tx: OrgTransaction,
  companyId: string,
  now = new Date(),
): Promise<void> {
  const since = new Date(now.getTime() - CSAT_WINDOW_DAYS * DAY_MS);
  const answers = await tx.crmCsatResponse.findMany({
    where: { companyId, submittedAt: { gte: since } },
    select: { score: true },
  });
  const tickets = await tx.crmTicket.groupBy({ by: ['status'], where: { companyId }, _count: true });
  const openTickets = tickets.length
    ? tickets.filter((row) => row.status !== 'closed').reduce((total, row) => total + row._count, 0)
    : null;
  const result = computeHealth({ csatScores: answers.map((answer) => answer.score), openTickets });
  await tx.crmCompany.update({
    where: { id: companyId },
    data: {
      healthScore: result.score,
      healthInputs: result.inputs as unknown as Prisma.InputJsonArray,
      healthComputedAt: now,
    },
  });
}

/** The stored score with the inputs it came from (flow 5); inputs are empty-valued before any event. */
export async function getHealth(tx: OrgTransaction, companyId: string) {
  const company = await companyInOrg(tx, companyId);
  const inputs =
    (company.healthInputs as HealthInput[] | null) ??
    computeHealth({ csatScores: [], openTickets: null }).inputs;
  return {
    companyId,
    score: company.healthScore,
    formula: HEALTH_FORMULA,
    inputs,
    computedAt: company.healthComputedAt?.toISOString() ?? null,
  };
}
