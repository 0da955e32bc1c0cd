import { defineSubscription } from '@suite/bus';
import { psaCsatSubmitted } from '@suite/contracts';
import { recordActivity } from '../activity/activity.service';
import { companyOfEvent } from '../companies/company.service';
import { recomputeHealth } from '../health/health.service';

/** Flow 10: a CSAT answer is kept and the company's health score recomputed. */
export const csatSubmittedSubscription = defineSubscription({
  group: 'crm.psa-sync.csat',
  types: [psaCsatSubmitted],
  async handler(event, { tx }) {
    const { data } = event;
    const company = await companyOfEvent(tx, data.crmCompanyId, event.type);
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
      sourceKey: event.id,
    });
  },
});
