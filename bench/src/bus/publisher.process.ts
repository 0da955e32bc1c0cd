// A publisher of the pipeline bench, in a process of its own: transactions that change state (an
// upsert per item) and publish the change, either one event per transaction or `perTransaction`
// events through publishMany. Once its connections are open it prints `ready` and waits for `go` on
// standard input, so the clock covers publishing, not starting a process. Then prints one JSON line:
// elapsed time and, when asked, each commit time.
import { setTimeout as sleep } from 'node:timers/promises';
import { createManyPublisher } from '@suite/bus';
import { testEvents } from '@suite/bus/testing';
import { connectDatabase, forOrg } from '@suite/db';
import { childConfig, parentLine } from './child-process';
import { countStatements, type ProcessCounts } from './statement-counter';

export interface PublisherConfig {
  readonly databaseUrl: string;
  readonly orgId: string;
  readonly producer: string;
  readonly events: number;
  /** 1: one event per transaction (publish); more: publishMany. */
  readonly perTransaction: number;
  /** Transactions at once. */
  readonly concurrency: number;
  /** When set, transactions start on this schedule (events per second), at most `concurrency` in flight. */
  readonly ratePerSecond?: number;
  readonly items: number;
  /** Offsets the items this publisher touches, so publishers do not share keys. */
  readonly firstItem: number;
  readonly recordCommits: boolean;
}

export interface PublisherResult {
  readonly elapsedMs: number;
  /** This process's CPU time (user and system) while publishing. */
  readonly cpuMs: number;
  /** [event id, commit time in ms since the epoch] */
  readonly commits: [string, number][];
  /** Statements this publisher sent for its events (connection set-up included). */
  readonly sent: ProcessCounts;
}

const counts = countStatements();
const config = childConfig<PublisherConfig>();
const events = testEvents(config.producer);
const publishMany = createManyPublisher(events.catalog);
const db = connectDatabase(config.databaseUrl);
const type = events.itemChanged.type;
const now = () => performance.timeOrigin + performance.now();

let next = 0;
const commits: [string, number][] = [];
const transaction = async (first: number) => {
  const ids = Array.from(
    { length: Math.min(config.perTransaction, config.events - first) },
    (_, i) => `item-${config.firstItem + ((first + i) % config.items)}`,
  ).sort();
  // Generous waits: a loaded machine must slow the bench down, not fail it.
  const envelopes = await forOrg(db.app, config.orgId).transaction(
    async (tx) => {
      // Sorted ids: concurrent transactions lock their rows in one order.
      const rows = await tx.$queryRaw<{ id: string; n: number }[]>`
      INSERT INTO bench.item (id, n) SELECT id, 1 FROM unnest(${ids}::text[]) AS id ORDER BY id
      ON CONFLICT (id) DO UPDATE SET n = bench.item.n + 1 RETURNING id, n`;
      return publishMany(
        tx,
        rows.map((row) => ({ type, data: { itemId: row.id, seq: row.n } })),
      );
    },
    { maxWait: 60_000, timeout: 120_000 },
  );
  if (config.recordCommits) {
    const at = now();
    for (const envelope of envelopes) commits.push([envelope.id, at]);
  }
};

// What a running service has done long before: open the pool's connections and load the query compiler.
await Promise.all(
  Array.from({ length: config.concurrency }, () =>
    forOrg(db.app, config.orgId).transaction((tx) => tx.$queryRaw`SELECT 1`),
  ),
);
process.stdout.write('ready\n');
await parentLine((line) => line === 'go');

const started = performance.now();
const before = counts();
if (config.ratePerSecond) {
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < config.events; i += config.perTransaction) {
    const due = started + (i * 1000) / config.ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    while (inFlight.size >= config.concurrency) await Promise.race(inFlight);
    const running = transaction(i).finally(() => inFlight.delete(running));
    inFlight.add(running);
  }
  await Promise.all(inFlight);
} else {
  await Promise.all(
    Array.from({ length: config.concurrency }, async () => {
      for (let i = next; i < config.events; i = next) {
        next += config.perTransaction;
        await transaction(i);
      }
    }),
  );
}
const sent = counts();
const result: PublisherResult = {
  elapsedMs: performance.now() - started,
  cpuMs: sent.cpuMs - before.cpuMs,
  commits,
  sent,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
await db.close();
