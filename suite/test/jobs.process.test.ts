import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { defineModule } from '@suite/contracts';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { defineJob, recentRuns } from '@suite/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig, startSuite } from '../src';

const BIN = fileURLToPath(new URL('../bin/suite.js', import.meta.url));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `suite jobs ...` as an operator runs it: its own process, the installed modules, DATABASE_URL. */
function jobs(...args: string[]): Promise<CliResult> {
  const { KAFKA_BROKERS: _transport, MODULES: _modules, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'jobs', ...args],
      // Killed after a minute, so a hung command fails naming itself rather than the test's timeout.
      { env: { ...env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          stdout,
          stderr: error?.killed ? `suite jobs ${args.join(' ')} hung and was killed\n${stderr}` : stderr,
        }),
    );
  });
}

describe('suite jobs', () => {
  // Four operator commands, each a cold Node process loading every module: slow on a loaded CI machine.
  it('lists the modules’ jobs, runs one now and shows its history', async () => {
    const listed = await jobs('list');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^JOB\s+SCHEDULE \(UTC\)\s+LAST RUN\s+STATUS\s+DESCRIPTION$/m);
    expect(listed.stdout).toMatch(/^crm\.health-recompute\s+17 3 \* \* \*\s+—\s+never run\s+Recomputes/m);

    const ran = await jobs('run', 'crm.health-recompute');
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(
      /^crm\.health-recompute succeeded \(run [0-9a-f-]{36}\): recomputed 0 companies in \d+ org\(s\)$/m,
    );

    const history = await jobs('history', 'crm.health-recompute');
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toMatch(
      /^[0-9a-f-]{36}\s+crm\.health-recompute\s+manual\s+\S+\s+\S+\s+\S+\s+succeeded\s+/m,
    );
    const relisted = await jobs('list');
    expect(relisted.code, relisted.stderr).toBe(0);
    expect(relisted.stdout).toMatch(/^crm\.health-recompute\s+17 3 \* \* \*\s+\d{4}-\S+Z\s+succeeded/m);
  }, 300_000);

  it('names the known jobs when asked for an unknown one, and rejects a bad limit', async () => {
    const unknown = await jobs('run', 'crm.nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no job "crm.nope"; known jobs: crm.health-recompute');
    const limit = await jobs('history', '--limit', 'lots');
    expect(limit.code).not.toBe(0);
    expect(limit.stderr).toContain('expected a whole number above 0');
  });
});

describe('jobs in the suite process', () => {
  const ticks: string[] = [];
  const tickModule = defineModule({
    name: 'crm',
    jobs: [
      defineJob({
        name: 'crm.tick',
        schedule: '* * * * * *',
        description: 'notes every second',
        async run({ slot }) {
          ticks.push(slot.toISOString());
          return undefined;
        },
      }),
    ],
  });
  const start = (jobsEnabled: string) =>
    startSuite(
      loadConfig({ DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent', JOBS_ENABLED: jobsEnabled }),
      createLogger('silent'),
      [tickModule],
    );

  it('runs the modules’ jobs on schedule, and none with JOBS_ENABLED=false', async () => {
    const disabled = await start('false');
    await sleep(2_500);
    await disabled.close();
    expect(ticks).toEqual([]);

    const enabled = await start('true');
    for (const deadline = Date.now() + 10_000; ticks.length < 2 && Date.now() < deadline; ) await sleep(100);
    await enabled.close();
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    const runs = await recentRuns(database.db, { job: 'crm.tick', limit: 100 });
    expect(runs.map((run) => run.slot.toISOString()).sort()).toEqual([...ticks].sort());
  });
});
