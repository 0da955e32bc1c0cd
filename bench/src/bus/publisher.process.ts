// A publisher of the pipeline bench, in a process of its own that lives through every run, as a service
// does: its code is as warm as the run before left it. Prints `ready` once connected, then takes runs
// as JSON lines on standard input (`run <n> {json}`) and answers each with `result <n> {json}`: elapsed
// time, CPU time and, when asked, each commit time. A run is transactions that change state (an upsert
// per item) and publish the change, one event per transaction or `perTransaction` through publishMany.
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { createManyPublisher } from '@suite/bus';
import { testEvents } from '@suite/bus/testing';
import { connectDatabase, forOrg } from '@suite/db';
import { childConfig } from './child-process';
import { countStatements, type ProcessCounts } from './statement-counter';

export interface PublisherConfig {
  readonly databaseUrl: string;
  readonly orgId: string;
  readonly producer: string;
  readonly items: number;
  /** Offsets the items this publisher touches, so publishers do not share keys. */
  readonly firstItem: number;
}

export interface PublisherRun {
  readonly events: number;
  /** 1: one event per transaction (publish); more: publishMany. */
  readonly perTransaction: number;
  /** Transactions at once. */
  readonly concurrency: number;
  /** When set, transactions start on this schedule (events per second), at most `concurrency` in flight. */
  readonly ratePerSecond?: number;
  readonly recordCommits: boolean;
}

export interface PublisherResult {
  readonly elapsedMs: number;
  /** This process's CPU time (user and system) during the run. */
  readonly cpuMs: number;
  /** [event id, commit time in ms since the epoch] */
  readonly commits: [string, number][];
  /** Statements this publisher sent for the run's events. */
  readonly sent: ProcessCounts;
}

const counts = countStatements();
const config = childConfig<PublisherConfig>();
const events = testEvents(config.producer);
const publishMany = createManyPublisher(events.catalog);
const db = connectDatabase(config.databaseUrl);
const type = events.itemChanged.type;
const now = () => performance.timeOrigin + performance.now();

async function transaction(run: PublisherRun, first: number, commits: [string, number][]): Promise<void> {
  const ids = Array.from(
    { length: Math.min(run.perTransaction, run.events - first) },
    (_, i) => `item-${config.firstItem + ((first + i) % config.items)}`,
  ).sort();
  // Generous waits: a loaded machine must slow the bench down, not fail it. The state change sets the
  // org itself, as a hot path does (one statement fewer than `transaction`).
  const envelopes = await forOrg(db.app, config.orgId).transactionSettingOrg(
    async (tx, setOrg) => {
      // Sorted ids: concurrent transactions lock their rows in one order.
      const rows = await tx.$queryRaw<{ id: string; n: number }[]>`
      WITH org AS (SELECT ${setOrg})
      INSERT INTO bench.item (id, n) SELECT id, 1 FROM org, unnest(${ids}::text[]) AS id ORDER BY id
      ON CONFLICT (id) DO UPDATE SET n = bench.item.n + 1 RETURNING id, n`;
      return publishMany(
        tx,
        rows.map((row) => ({ type, data: { itemId: row.id, seq: row.n } })),
      );
    },
    { maxWait: 60_000, timeout: 120_000 },
  );
  if (run.recordCommits) {
    const at = now();
    for (const envelope of envelopes) commits.push([envelope.id, at]);
  }
}

async function publishRun(run: PublisherRun): Promise<PublisherResult> {
  const commits: [string, number][] = [];
  const started = performance.now();
  const before = counts();
  if (run.ratePerSecond) {
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < run.events; i += run.perTransaction) {
      const due = started + (i * 1000) / run.ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      while (inFlight.size >= run.concurrency) await Promise.race(inFlight);
      const running = transaction(run, i, commits).finally(() => inFlight.delete(running));
      inFlight.add(running);
    }
    await Promise.all(inFlight);
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: run.concurrency }, async () => {
        for (let i = next; i < run.events; i = next) {
          next += run.perTransaction;
          await transaction(run, i, commits);
        }
      }),
    );
  }
  const after = counts();
  const sent = {
    relay: after.relay,
    other: {
      statements: after.other.statements - before.other.statements,
      commits: after.other.commits - before.other.commits,
    },
    cpuMs: after.cpuMs - before.cpuMs,
  };
  return { elapsedMs: performance.now() - started, cpuMs: sent.cpuMs, commits, sent };
}

// The pool's connections and the query compiler, as a running service has them.
await Promise.all(
  Array.from({ length: 4 }, () => forOrg(db.app, config.orgId).transaction((tx) => tx.$queryRaw`SELECT 1`)),
);
process.stdout.write('ready\n');
const runs = createInterface({ input: process.stdin });
for await (const line of runs) {
  const match = /^run (\d+) (.*)$/.exec(line);
  if (!match) continue;
  const result = await publishRun(JSON.parse(match[2] as string) as PublisherRun);
  process.stdout.write(`result ${match[1]} ${JSON.stringify(result)}\n`);
}
await db.close();
