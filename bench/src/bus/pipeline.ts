import { setTimeout as sleep } from 'node:timers/promises';
import { createBus, createPublisher } from '@suite/bus';
import { testEvents } from '@suite/bus/testing';
import { forOrg } from '@suite/db';
import pg from 'pg';
import { pino } from 'pino';
import type { BenchEnvironment } from './bench-environment';
import { percentile, until } from './stats';

export interface PipelineResult {
  /** Events per second from the first publish to the last handler commit. */
  readonly eventsPerSecond: number;
  /** Publish-commit → handler-commit, at a fixed rate. */
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface PipelineOptions {
  readonly kafka: boolean;
  readonly events: number;
  readonly publishers: number;
  readonly ratePerSecond: number;
  readonly rateSeconds: number;
  readonly partitions: number;
}

const ITEMS = 200;

/**
 * The whole path: a transaction changes state and publishes through the outbox, the relay moves it to
 * the transport, a consumer group applies it with its inbox row. The handler's NOTIFY is delivered when
 * its transaction commits, which is when the bench takes the handler-commit time.
 */
export async function pipeline(env: BenchEnvironment, options: PipelineOptions): Promise<PipelineResult> {
  const events = testEvents();
  const publish = createPublisher(events.catalog);
  const bus = createBus({
    db: env.db,
    databaseUrl: env.databaseUrl,
    kafkaBrokers: options.kafka ? env.brokers : undefined,
    partitions: options.partitions,
    log: pino({ level: 'warn' }),
    // Publishers and handlers share the app pool (10): keep both below it.
    tuning: { handlerConcurrency: 4, kafka: { maxWaitTimeMs: 100 } },
  });
  const committed = new Map<string, number>();
  const handled = new Map<string, number>();
  const listener = new pg.Client({ connectionString: env.databaseUrl });
  await listener.connect();
  listener.on('notification', ({ payload }) => handled.set(payload as string, performance.now()));
  await listener.query('LISTEN bench_applied');
  await bus.subscribe({
    group: events.group('bench'),
    types: [events.itemChanged],
    async handler(event, { tx }) {
      const { itemId, seq } = event.data as { itemId: string; seq: number };
      await tx.$executeRaw`INSERT INTO bench.effect (event_id, item_id, seq) VALUES (${event.id}::uuid, ${itemId}, ${seq})`;
      await tx.$queryRaw`SELECT pg_notify('bench_applied', ${event.id})::text`;
    },
  });
  bus.startRelay();

  let counter = 0;
  const publishOne = async () => {
    const itemId = `item-${counter++ % ITEMS}`;
    const envelope = await forOrg(env.db.app, env.orgId).transaction(async (tx) => {
      const [{ n }] = await tx.$queryRaw<[{ n: number }]>`
        INSERT INTO bench.item (id, n) VALUES (${itemId}, 1)
        ON CONFLICT (id) DO UPDATE SET n = bench.item.n + 1 RETURNING n`;
      return publish(tx, { type: events.itemChanged.type, data: { itemId, seq: n } });
    });
    committed.set(envelope.id, performance.now());
  };

  try {
    await publishOne(); // warm up: topic, consumer group, connections
    await until('the first event to be handled', () => handled.size === 1, 60_000);

    const started = performance.now();
    const perPublisher = Math.ceil(options.events / options.publishers);
    await Promise.all(
      Array.from({ length: options.publishers }, async () => {
        for (let i = 0; i < perPublisher; i++) await publishOne();
      }),
    );
    const throughputTotal = 1 + perPublisher * options.publishers;
    await until('every event to be handled', () => handled.size >= throughputTotal, 180_000);
    const eventsPerSecond = (throughputTotal - 1) / ((performance.now() - started) / 1000);

    // Latency at a fixed, moderate rate: one publish every 1/rate s, on schedule.
    const before = new Set(committed.keys());
    const total = options.ratePerSecond * options.rateSeconds;
    const begin = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = begin + (i * 1000) / options.ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inFlight.push(publishOne());
    }
    await Promise.all(inFlight);
    await until('every rate-limited event to be handled', () => handled.size >= committed.size, 60_000);
    const latencies = [...committed]
      .filter(([id]) => !before.has(id))
      .map(([id, at]) => (handled.get(id) as number) - at)
      .sort((a, b) => a - b);
    return { eventsPerSecond, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
  } finally {
    await bus.close();
    await listener.end();
  }
}
