import type { EventData, healthGet, psaCsatSubmitted } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import type { z } from 'zod';
import { recordActivity } from '../activity/activity.service';
import type { ByCompanyId } from '../companies/company.schema';
import { companyInOrg, companyOfEvent } from '../companies/company.service';
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

/** Ids of the org's companies with any CSAT answer: the ones whose score ages as answers age out. */
export async function companiesWithCsat(tx: OrgTransaction): Promise<string[]> {
  const rows = await tx.crmCompany.findMany({ where: { csatResponses: { some: {} } }, select: { id: true } });
  return rows.map((row) => row.id);
}

/** Flow 10: a CSAT answer is kept (once per response id) and the company's health score recomputed. */
export async function recordCsatAnswer(
  tx: OrgTransaction,
  data: EventData<typeof psaCsatSubmitted>,
  eventId: string,
): Promise<void> {
  const company = await companyOfEvent(tx, data.crmCompanyId, 'psa.csat.submitted');
  const answer = {
    companyId: company.id,
    ticketId: data.ticketId,
    score: data.score,
    comment: data.comment,
    submittedAt: new Date(data.submittedAt),
  };
  await tx.crmCsatResponse.upsert({
    where: { id: data.responseId },
    create: { id: data.responseId, ...answer },
    update: answer,
  });
  await recomputeHealth(tx, company.id);
  await recordActivity(tx, {
    companyId: company.id,
    kind: 'csat',
    title: `CSAT answer: ${data.score} of 5`,
    detail: {
      responseId: data.responseId,
      ticketId: data.ticketId,
      score: data.score,
      comment: data.comment,
    },
    occurredAt: answer.submittedAt,
    sourceKey: eventId,
  });
}

/** The stored score with the inputs it came from (flow 5); inputs are empty-valued before any event. */
export async function getHealth(
  tx: OrgTransaction,
  { companyId }: ByCompanyId,
): Promise<z.infer<typeof healthGet.output>> {
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
