import { defineSubscription } from '@suite/bus';
import { psaCsatSubmitted } from '@suite/contracts';
import { recordCsatAnswer } from '../health/health.service';

/** Flow 10: a CSAT answer is kept and the company's health score recomputed. */
export const csatSubmittedSubscription = defineSubscription({
  group: 'crm.psa-sync.csat',
  types: [psaCsatSubmitted],
  handler: (event, { tx }) => recordCsatAnswer(tx, event.data, event.id),
});
