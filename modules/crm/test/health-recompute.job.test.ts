import { randomUUID } from 'node:crypto';
import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmModule } from '../src';
import { getHealth, recomputeHealth } from '../src/health/health.service';
import { healthRecomputeJob } from '../src/jobs/health-recompute.job';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

/** An org with one company whose CSAT answers were given `days` ago, scored as of now. */
async function companyWithAnswers(slug: string, answers: readonly { days: number; score: number }[]) {
  const org = await database.db.system.organization.create({ data: { slug, name: slug } });
  const tenant = forOrg(database.db.app, org.id);
  const companyId = await tenant.transaction(async (tx) => {
    const company = await tx.crmCompany.create({ data: { name: `${slug} client`, status: 'active' } });
    await tx.crmCsatResponse.createMany({
      data: answers.map(({ days, score }) => ({
        id: randomUUID(),
        companyId: company.id,
        score,
        submittedAt: daysAgo(days),
      })),
    });
    await recomputeHealth(tx, company.id);
    return company.id;
  });
  return { tenant, companyId };
}

describe('crm.health-recompute', () => {
  it('is one of the CRM module’s jobs, scheduled daily', () => {
    expect(crmModule.jobs).toContain(healthRecomputeJob);
    expect(healthRecomputeJob.schedule).toBe('17 3 * * *');
  });

  it('drops CSAT answers that aged out of the 90-day window since the last event', async () => {
    const aging = await companyWithAnswers('aging', [
      { days: 80, score: 1 },
      { days: 10, score: 5 },
    ]);
    const fresh = await companyWithAnswers('fresh', [{ days: 5, score: 3 }]);
    const health = (company: typeof aging) =>
      company.tenant.transaction((tx) => getHealth(tx, { companyId: company.companyId }));
    expect((await health(aging)).score).toBe(50);

    // Three weeks on, with no event in between: the 80-day-old answer is 101 days old.
    const slot = new Date(Date.now() + 21 * DAY_MS);
    const summary = await healthRecomputeJob.run({ db: database.db, log: pino({ level: 'silent' }), slot });

    expect(summary).toBe('recomputed 2 companies in 2 org(s)');
    expect(await health(aging)).toMatchObject({
      score: 100,
      computedAt: slot.toISOString(),
      inputs: [
        { name: 'csat', detail: 'average 5.00 of 5 from 1 answer(s) in the last 90 days → 100 points' },
        {},
      ],
    });
    expect((await health(fresh)).score).toBe(50);
  });
});
