// npm run bus-statements -w @suite/bench — what one event costs the bus in statements, counted at the
// `pg` driver, on each transport: events published one at a time, each applied as a batch of its own
// (the regime of low and moderate rates), by the relay and a consumer in this process. Counts do not
// depend on the machine's load; timers that poll are set long so that only per-event work is counted.
import { createBus, createManyPublisher } from '@suite/bus';
import { testEvents } from '@suite/bus/testing';
import { forOrg } from '@suite/db';
import pg from 'pg';
import { pino } from 'pino';
import { benchEnvironment } from './bus/bench-environment';
import { countStatements, perEvent, UNCOUNTED_PREFIX } from './bus/statement-counter';
import { round } from './support/stats';

const EVENTS = Number(process.env.BUS_STATEMENTS_EVENTS ?? 20);
const counts = countStatements();
const env = await benchEnvironment();
const probe = new pg.Pool({ connectionString: env.databaseUrl, max: 1, application_name: UNCOUNTED_PREFIX });
const events = testEvents();
const publishMany = createManyPublisher(events.catalog);
const figures: Record<string, number> = {};

const probeCount = async (sql: string, params: unknown[] = []) =>
  Number((await probe.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);

try {
  for (const transport of ['kafka', 'pglog'] as const) {
    const bus = createBus({
      db: env.db,
      databaseUrl: env.databaseUrl,
      kafkaBrokers: transport === 'kafka' ? env.brokers : undefined,
      partitions: 8,
      log: pino({ level: 'warn' }),
      tuning: {
        controlPollMs: 600_000,
        relayIdlePollMs: 50,
        log: { pollMs: 600_000, heartbeatMs: 300_000, leaseTtlMs: 900_000 },
        kafka: { maxWaitTimeMs: 100 },
      },
    });
    const group = events.group(`statements-${transport}`);
    await bus.subscribe({
      group,
      types: [events.itemChanged],
      async handler(event, { tx }) {
        const { itemId, seq } = event.data as { itemId: string; seq: number };
        await tx.$executeRaw`INSERT INTO bench.effect (event_id, item_id, seq) VALUES (${event.id}::uuid, ${itemId}, ${seq})`;
      },
    });
    bus.startRelay();
    const applied = () => probeCount('SELECT count(*) AS n FROM bench.effect');
    const committed = () =>
      probeCount('SELECT coalesce(sum(next_offset), 0) AS n FROM bus.group_partition WHERE group_name = $1', [
        group,
      ]);
    const publishOne = async (i: number) => {
      const expected = (await applied()) + 1;
      await forOrg(env.db.app, env.orgId).transaction((tx) =>
        publishMany(tx, [{ type: events.itemChanged.type, data: { itemId: `item-${i % 50}`, seq: i } }]),
      );
      return expected;
    };
    /** Until the event is applied and, on the log, its offset committed. */
    const settled = async (expected: number, offsets: number) => {
      for (const deadline = Date.now() + 60_000; ; ) {
        if (Date.now() > deadline) throw new Error('bench: an event was not applied within 60 s');
        const done =
          (await applied()) >= expected && (transport === 'kafka' || (await committed()) >= offsets);
        if (done) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const first = await publishOne(0);
    await settled(first, 1);
    let consumer = { statements: 0, commits: 0 };
    let relay = { statements: 0, commits: 0 };
    for (let i = 1; i <= EVENTS; i++) {
      const expected = await publishOne(i);
      const before = counts();
      await settled(expected, i + 1);
      // Kafka commits its offset after the database commit; give the consumer a moment to finish.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const after = counts();
      const add = (a: typeof consumer, b: ReturnType<typeof perEvent>) => ({
        statements: a.statements + b.statements,
        commits: a.commits + b.commits,
      });
      consumer = add(consumer, perEvent(before.other, after.other, EVENTS));
      relay = add(relay, perEvent(before.relay, after.relay, EVENTS));
    }
    await bus.close();
    await probe.query('TRUNCATE bench.effect');
    console.log(
      `${transport}: consumer ${round(consumer.statements, 2)} statements, ${round(consumer.commits, 2)} commits per event; relay ${round(relay.statements, 2)} statements`,
    );
    figures[`single_event_consumer_statements_${transport}`] = round(consumer.statements, 2);
    figures[`single_event_consumer_commits_${transport}`] = round(consumer.commits, 2);
    figures[`single_event_relay_statements_${transport}`] = round(relay.statements, 2);
  }
  console.log(
    `bus-statements: ${Object.entries(figures)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')}`,
  );
} finally {
  await probe.end();
  await env.close();
}
