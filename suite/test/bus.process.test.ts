import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createPublisher, defineSubscription } from '@suite/bus';
import { eventually, testEvents } from '@suite/bus/testing';
import { defineModule } from '@suite/contracts';
import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig, type RunningSuite, startSuite } from '../src';

const bin = fileURLToPath(new URL('../bin/suite.js', import.meta.url));
const events = testEvents();
const publish = createPublisher(events.catalog);
const group = events.group('notes');

/** What the module's handler saw; `failing` makes it throw, to produce a dead letter. */
const seen: string[] = [];
let failing = false;
const notesModule = defineModule({
  name: 'crm',
  subscriptions: [
    defineSubscription({
      group,
      types: [events.itemChanged],
      retry: { attempts: 2, initialDelayMs: 10 },
      async handler(event) {
        if (failing) throw new Error(`cannot take note of ${event.data.itemId}`);
        seen.push(event.data.itemId);
      },
    }),
  ],
});

/** The suite's `eventually`, taking plain probes too, with room for a loaded machine. */
const waitFor = <T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false) =>
  eventually(what, async () => probe(), 60_000);

describe('the bus in the suite process', () => {
  let database: TestDatabase;
  let suite: RunningSuite;
  let orgId: string;

  /**
   * `suite ...` exactly as an operator runs it, against `databaseUrl`. Asynchronous, so the suite under
   * test keeps serving meanwhile; a cold CLI process takes tens of seconds on a loaded machine.
   */
  const runSuite = (databaseUrl: string, args: readonly string[]) => {
    const { KAFKA_BROKERS: _transport, ...env } = process.env;
    return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [bin, ...args],
        { env: { ...env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, timeout: 120_000 },
        (error, stdout, stderr) =>
          resolve({
            status: error ? Number(error.code ?? 1) : 0,
            stdout,
            stderr: error?.killed ? `suite ${args.join(' ')} hung and was killed\n${stderr}` : stderr,
          }),
      );
    });
  };
  const suiteCommand = async (databaseUrl: string, args: readonly string[]) => {
    const run = await runSuite(databaseUrl, args);
    if (run.status !== 0) throw new Error(`suite ${args.join(' ')} failed: ${run.stderr}`);
    return run.stdout;
  };
  /** `suite bus ...` against the suite's database. */
  const cli = (...args: string[]) => suiteCommand(database.url, ['bus', ...args]);
  const publishItem = (itemId: string) =>
    forOrg(database.db.app, orgId).transaction((tx) =>
      publish(tx, { type: events.itemChanged.type, data: { itemId, seq: 1 } }),
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    orgId = (await database.db.system.organization.create({ data: { slug: 'bus', name: 'Bus' } })).id;
    const config = loadConfig({ DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent' });
    suite = await startSuite(config, createLogger('silent'), [notesModule]);
  });

  afterAll(async () => {
    await suite?.close();
    await database?.drop();
  });

  it('runs the relay and the modules’ subscriptions, and exposes bus metrics', async () => {
    await publishItem('first');
    await waitFor('the module to handle the event', () => seen.includes('first'));
    // The handler sees the event before its transaction commits and the counter moves.
    const consumed = `suite_bus_consumed_total{group="${group}",type="${events.itemChanged.type}"} 1`;
    const metrics = await waitFor('the consumed counter', async () => {
      const text = await (await fetch(`${suite.url}/metrics`)).text();
      return text.includes(consumed) && text;
    });
    expect(metrics).toContain(`suite_bus_published_total{topic="${events.topic}"} 1`);
    expect(metrics).toMatch(
      new RegExp(`suite_bus_consumer_lag\\{group="${group}",topic="${events.topic}",partition="\\d+"\\} 0`),
    );
    expect(metrics).toContain('suite_bus_relay_backlog 0');
  });

  it('shows status, dead letters and replays them through `suite bus`', async () => {
    failing = true;
    await publishItem('second');
    const deadLetters = () =>
      database.db.system.$queryRaw<{ replayed: boolean }[]>`
        SELECT replayed_at IS NOT NULL AS replayed FROM bus.dead_letter WHERE group_name = ${group}`;
    await waitFor('a dead letter', async () => (await deadLetters()).length === 1);
    const listed = await cli('dlq', 'list', '--group', group);
    expect(listed).toMatch(/handler-failed\s+2\s/);
    const metrics = await (await fetch(`${suite.url}/metrics`)).text();
    const labels = `group="${group}",type="${events.itemChanged.type}"`;
    expect(metrics).toContain(`suite_bus_retried_total{${labels}} 1`);
    expect(metrics).toContain(`suite_bus_dead_lettered_total{${labels},reason="handler-failed"} 1`);
    const id = /^(\d+)\s/m.exec(listed.split('\n')[1] ?? '')?.[1] as string;
    const shown = JSON.parse(await cli('dlq', 'show', id));
    expect(shown).toMatchObject({ group, reason: 'handler-failed', attempts: 2, key: 'second' });
    expect(shown.error).toContain('cannot take note of second');
    expect(shown.envelope).toMatchObject({
      type: events.itemChanged.type,
      data: { itemId: 'second', seq: 1 },
    });

    const status = await cli('status');
    expect(status).toContain('transport: PostgreSQL log');
    expect(status).toMatch(/relay: active \(suite-bus-relay pid \d+\); backlog 0/);
    expect(status).toMatch(
      new RegExp(
        `${group.replaceAll('.', '\\.')}\\s+running\\s+1\\s+${events.topic.replaceAll('.', '\\.')}\\s+\\d+`,
      ),
    );

    failing = false;
    expect(await cli('dlq', 'replay', '--group', group, '--all')).toContain(
      `queued 1 dead letter(s) for replay (${id})`,
    );
    await waitFor('the replayed event to be handled', () => seen.includes('second'));
    await waitFor('the dead letter to be marked replayed', async () => (await deadLetters())[0]?.replayed);
    expect(await cli('dlq', 'list', '--all')).toMatch(
      new RegExp(`^${id}\\s.*\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z\\s+Error`, 'm'),
    );
  }, 300_000);

  it('pauses and resumes a group through `suite bus`', async () => {
    expect(await cli('pause', group)).toContain(`${group} paused`);
    expect(await cli('status')).toMatch(new RegExp(`${group.replaceAll('.', '\\.')}\\s+paused`));
    await sleep(300);
    await publishItem('third');
    await sleep(1500);
    expect(seen).not.toContain('third');
    await cli('resume', group);
    await waitFor('the resumed group to handle the event', () => seen.includes('third'));
  }, 300_000);

  it('starts the bus once `suite migrate` has run, without a restart', async () => {
    const late = await createTestDatabase({ migrated: false });
    const config = loadConfig({ DATABASE_URL: late.url, PORT: '0', MIGRATE_ON_START: 'false' });
    const waiting = await startSuite(config, createLogger('silent'), [notesModule]);
    try {
      expect((await fetch(`${waiting.url}/readyz`)).status).toBe(503);
      await suiteCommand(late.url, ['migrate']);
      const lateOrg = await late.db.system.organization.create({ data: { slug: 'late', name: 'Late' } });
      await forOrg(late.db.app, lateOrg.id).transaction((tx) =>
        publish(tx, { type: events.itemChanged.type, data: { itemId: 'after-migrate', seq: 1 } }),
      );
      await waitFor('the module to handle an event published after the migration', () =>
        seen.includes('after-migrate'),
      );
      expect((await fetch(`${waiting.url}/readyz`)).status).toBe(200);
    } finally {
      await waiting.close();
      await late.drop();
    }
  });

  it('says which group is unknown', async () => {
    const run = await runSuite(database.url, ['bus', 'pause', 'no.such-group']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(new RegExp(`no consumer group "no\\.such-group"; known groups: .*${group}`));
  });
  it('answers a dead letter id that is not one, or is unknown, with a message and no SQL', async () => {
    const show = (id: string) => runSuite(database.url, ['bus', 'dlq', 'show', id]);
    const malformed = await show('0b5c8a4e-6f1d-4c1e-9a53-2f0d8b7c1e11');
    expect(malformed.status).toBe(1);
    expect(malformed.stderr).toContain('dead letter ids are whole numbers; see suite bus dlq list');
    const unknown = await show('987654321');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no dead letter 987654321; see suite bus dlq list');
    for (const run of [malformed, unknown]) expect(run.stderr).not.toMatch(/bigint|syntax|SELECT|at \//);
  });
});
