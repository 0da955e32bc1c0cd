import { setTimeout as sleep } from 'node:timers/promises';
import { connectDatabase, type Database } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineJob, type JobDefinition, JobScheduler, recentRuns, UnknownJobError } from '../src';

const log = pino({ level: 'silent' });

let database: TestDatabase;
/** Each scheduler gets pools of its own, as a separate process would. */
const pools: Database[] = [];
const schedulers: JobScheduler[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
  await Promise.all(pools.map((pool) => pool.close()));
  await database?.drop();
});

function scheduler(...jobs: JobDefinition[]): JobScheduler {
  const pool = connectDatabase(database.url);
  pools.push(pool);
  const created = new JobScheduler(pool, log, jobs);
  schedulers.push(created);
  return created;
}

const runsOf = (job: string) => recentRuns(database.db, { job, limit: 100 });

describe('the job scheduler', () => {
  it('runs each slot once across processes, and records every run', async () => {
    const slots: string[] = [];
    const job = defineJob({
      name: 'test.every-second',
      schedule: '* * * * * *',
      description: 'counts its runs',
      async run({ slot }) {
        slots.push(slot.toISOString());
        return `slot ${slot.toISOString()}`;
      },
    });
    const [a, b, c] = [scheduler(job), scheduler(job), scheduler(job)];
    for (const each of [a, b, c]) each.start();
    await sleep(4_500);
    await Promise.all([a.stop(), b.stop(), c.stop()]);

    expect(slots.length).toBeGreaterThanOrEqual(3);
    expect(new Set(slots).size).toBe(slots.length);
    const runs = await runsOf(job.name);
    expect(runs.map((run) => run.slot.toISOString()).sort()).toEqual([...slots].sort());
    expect(runs.every((run) => run.status === 'succeeded' && run.trigger === 'schedule')).toBe(true);
    expect(runs[0]?.summary).toBe(`slot ${runs[0]?.slot.toISOString()}`);
  });

  it('records a failed run with its error, and runs the next slot again', async () => {
    let calls = 0;
    const job = defineJob({
      name: 'test.failing',
      schedule: '* * * * * *',
      description: 'fails the first time',
      async run() {
        calls += 1;
        if (calls === 1) throw new Error('the vendor answered 503');
        return 'recovered';
      },
    });
    const one = scheduler(job);
    one.start();
    for (const deadline = Date.now() + 10_000; calls < 2 && Date.now() < deadline; ) await sleep(100);
    await one.stop();
    const runs = (await runsOf(job.name)).reverse();
    expect(runs[0]).toMatchObject({ status: 'failed', error: 'Error: the vendor answered 503' });
    expect(runs[1]).toMatchObject({ status: 'succeeded', summary: 'recovered' });
  });

  it('never runs a job twice at once: slots that come during a run are skipped, in every process', async () => {
    let running = 0;
    let most = 0;
    const job = defineJob({
      name: 'test.slow',
      schedule: '* * * * * *',
      description: 'takes longer than its interval',
      async run() {
        running += 1;
        most = Math.max(most, running);
        await sleep(2_200);
        running -= 1;
        return undefined;
      },
    });
    const [a, b] = [scheduler(job), scheduler(job)];
    a.start();
    b.start();
    await sleep(5_000);
    await Promise.all([a.stop(), b.stop()]);
    expect(most).toBe(1);
    const runs = await runsOf(job.name);
    expect(runs.filter((run) => run.status === 'succeeded').length).toBeGreaterThanOrEqual(1);
    const skipped = runs.filter((run) => run.status === 'skipped');
    expect(skipped.length).toBeGreaterThanOrEqual(1);
    expect(skipped[0]?.error).toMatch(/^run [0-9a-f-]{36} \(.+:\d+, since .+\) is still running$/);
  });

  it('takes a run past its lease for a dead process’s and runs the job again', async () => {
    const job = defineJob({
      name: 'test.after-crash',
      schedule: '0 0 1 1 *',
      description: 'runs by hand',
      leaseMs: 60_000,
      async run() {
        return 'ran';
      },
    });
    // A process died ten minutes into a run, leaving it marked running.
    await database.db.system.jobRun.create({
      data: {
        job: job.name,
        slot: new Date(Date.now() - 3_600_000),
        trigger: 'schedule',
        status: 'running',
        instance: 'gone:1',
        startedAt: new Date(Date.now() - 600_000),
      },
    });
    const one = scheduler(job);
    expect(await one.runNow(job.name)).toMatchObject({ ran: true, summary: 'ran' });
    const runs = await runsOf(job.name);
    expect(runs.map((run) => [run.trigger, run.status])).toEqual([
      ['manual', 'succeeded'],
      ['schedule', 'abandoned'],
    ]);
  });

  it('keeps 30 days of a job’s runs', async () => {
    const job = defineJob({
      name: 'test.retention',
      schedule: '0 0 1 1 *',
      description: 'runs by hand',
      run: async () => 'ran',
    });
    const day = 86_400_000;
    for (const age of [31, 29])
      await database.db.system.jobRun.create({
        data: {
          job: job.name,
          slot: new Date(Date.now() - age * day),
          trigger: 'schedule',
          status: 'succeeded',
          instance: 'old:1',
          startedAt: new Date(Date.now() - age * day),
        },
      });
    await scheduler(job).runNow(job.name);
    const ages = (await runsOf(job.name)).map((run) =>
      Math.round((Date.now() - run.startedAt.getTime()) / day),
    );
    expect(ages).toEqual([0, 29]);
  });

  it('refuses a manual run while the job runs elsewhere, and names unknown jobs', async () => {
    let release = () => {};
    const job = defineJob({
      name: 'test.manual',
      schedule: '0 0 1 1 *',
      description: 'runs by hand',
      run: () => new Promise((resolve) => (release = () => resolve('done'))),
    });
    const [a, b] = [scheduler(job), scheduler(job)];
    const first = a.runNow(job.name);
    for (
      const deadline = Date.now() + 5_000;
      (await runsOf(job.name)).length === 0 && Date.now() < deadline;
    )
      await sleep(50);
    expect(await b.runNow(job.name)).toMatchObject({
      ran: false,
      reason: expect.stringContaining('is still running'),
    });
    release();
    expect(await first).toMatchObject({ ran: true, summary: 'done' });
    await expect(a.runNow('test.nope')).rejects.toThrow(new UnknownJobError('test.nope', [job.name]));
  });

  it('rejects a bad cron expression or name at definition, naming the job', () => {
    const run = async () => undefined;
    expect(() => defineJob({ name: 'crm.bad', schedule: 'every day', description: '', run })).toThrow(
      'job crm.bad: "every day" is not a cron expression (expected e.g. "0 3 * * *" or "*/5 * * * *")',
    );
    expect(() => defineJob({ name: 'NoOwner', schedule: '* * * * *', description: '', run })).toThrow(
      'job "NoOwner": expected a name like "crm.health-recompute" (<owner>.<job>)',
    );
  });
});
