import { defineJob, forEachOrg } from '@suite/jobs';
import { companiesWithCsat, recomputeHealth } from '../health/health.service';

/**
 * The CSAT input only counts answers of the last 90 days, so a score goes stale as answers age out
 * even when no event arrives. Once a day every company with CSAT answers is recomputed as of the run.
 */
export const healthRecomputeJob = defineJob({
  name: 'crm.health-recompute',
  schedule: '17 3 * * *',
  description:
    'Recomputes the health score of every company with CSAT answers, as answers age out of the 90-day window.',
  async run({ db, slot }) {
    let companies = 0;
    const orgs = await forEachOrg(db, async (org) => {
      const ids = await org.transaction(companiesWithCsat);
      // A transaction per company keeps each short; a redone company just computes the same score again.
      for (const id of ids) await org.transaction((tx) => recomputeHealth(tx, id, slot));
      companies += ids.length;
    });
    return `recomputed ${companies} compan${companies === 1 ? 'y' : 'ies'} in ${orgs} org(s)`;
  },
});
