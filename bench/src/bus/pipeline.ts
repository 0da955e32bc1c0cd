import { testEvents } from '@suite/bus/testing';
import { processesCpuMs } from '../support/process-cpu';
import { percentile } from '../support/stats';
import type { BenchEnvironment } from './bench-environment';
import { benchChild } from './child-process';
import type { ConsumerConfig } from './consumer.process';
import type { PublisherConfig, PublisherResult, PublisherRun } from './publisher.process';
import { type ProcessCounts, perEvent, type StatementCounts } from './statement-counter';

export interface PipelineOptions {
  readonly kafka: boolean;
  readonly partitions: number;
  /** Events for the throughput run, split over `publishers` processes using publishMany. */
  readonly events: number;
  /** Events for the untimed run before it, the same way, so that every process's code is warm. */
  readonly warmupEvents: number;
  readonly publishers: number;
  readonly perTransaction: number;
  /** Events for the one-event-per-transaction run. */
  readonly singleEvents: number;
  /**
   * Fixed rates for the latency runs, each for `rateSeconds`: long enough to be a sustained rate (the p99
   * of a 5 s run depended on whether it held one of the bus process's rare stalls).
   */
  readonly rates: readonly number[];
  readonly rateSeconds: number;
}

export interface Latency {
  readonly ratePerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Where a rare stall of the bus process (a major garbage collection, decision 0166) shows. */
  readonly p999Ms: number;
  /** Consumer statements per event at this rate (small batches): fetches, leases, offsets, handlers. */
  readonly bus: PerEvent;
}

/** Statements and WAL-flushing commits per event, counted at the `pg` driver. */
export type PerEvent = ReturnType<typeof perEvent>;

export interface PipelineResult {
  /** publishMany → relay → transport → handler (one effect row) → inbox: first publish to last effect. */
  readonly eventsPerSecond: number;
  /** What the publisher processes committed per second in that run (publishMany). */
  readonly publishManyPerSecond: number;
  /** One event per transaction, publishers alone counted. */
  readonly publishSinglePerSecond: number;
  /** Publish-commit → handler's effect row, at fixed rates. */
  readonly latencies: readonly Latency[];
  /** Consumer statements per event in the publishMany run, and the relay's. */
  readonly bus: PerEvent;
  readonly relay: PerEvent;
  /**
   * CPU microseconds per event in the publishMany run: the bus process (relay and consumer), the
   * publishers, and this machine's PostgreSQL and Kafka broker processes (NaN without /proc; the
   * broker 0 on the log). On 2 cores, 10,000 events/s leaves 200 µs for all of them together.
   */
  readonly cpuMicrosPerEvent: {
    readonly bus: number;
    readonly publishers: number;
    readonly postgres: number;
    readonly broker: number;
  };
  /** Publisher statements per event: publishMany, and one event per transaction. */
  readonly publishMany: PerEvent;
  readonly publishSingle: PerEvent;
}

const ITEMS_PER_PUBLISHER = 1000;
/** Events/s above any pipeline rate on this hardware; see allHandled. */
const FASTEST_COUNTED = 50_000;

/** The servers' CPU so far: PostgreSQL's processes, and the Kafka broker's JVM (kafka-dev runs `java`). */
const serversCpuMs = () => ({ postgres: processesCpuMs('postgres'), broker: processesCpuMs('java') });

/**
 * The whole path, with the publishers in processes of their own and the bus (relay and consumer) in
 * another, so the bench measures the SDK, not itself. The bench process only counts effect rows.
 */
export async function pipeline(env: BenchEnvironment, options: PipelineOptions): Promise<PipelineResult> {
  const { producer } = testEvents();
  const consumerConfig: ConsumerConfig = {
    databaseUrl: env.databaseUrl,
    producer,
    kafkaBrokers: options.kafka ? env.brokers : undefined,
    partitions: options.partitions,
  };
  const consumer = benchChild('./consumer.process.ts', consumerConfig);
  const effects = async () =>
    (await env.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM bench.effect')).rows[0]?.n ?? 0;
  let expected = 0;
  // A count scans the whole table, so it holds one run's rows at a time (nothing is in flight between runs).
  const expectRun = async (events: number) => {
    await env.sql.query('TRUNCATE bench.effect');
    expected = events;
  };
  let readings = 0;
  const busCounts = async (): Promise<ProcessCounts> => {
    const n = ++readings;
    consumer.signal('SIGUSR2');
    const line = await consumer.line((text) => text.startsWith(`counts ${n} `));
    return JSON.parse(line.slice(`counts ${n} `.length)) as ProcessCounts;
  };
  const sent = (runs: readonly PublisherResult[], events: number) =>
    perEvent(
      { statements: 0, commits: 0 },
      runs.reduce<StatementCounts>(
        (sum, run) => ({
          statements: sum.statements + run.sent.other.statements,
          commits: sum.commits + run.sent.other.commits,
        }),
        { statements: 0, commits: 0 },
      ),
      events,
    );
  // Started once, before any run: a publisher's code is warm from the runs before, as a service's is.
  const publisherChildren = Array.from({ length: options.publishers }, (_, p) =>
    benchChild('./publisher.process.ts', {
      databaseUrl: env.databaseUrl,
      orgId: env.orgId,
      producer,
      items: ITEMS_PER_PUBLISHER,
      firstItem: p * ITEMS_PER_PUBLISHER,
    } satisfies PublisherConfig),
  );
  let runNumber = 0;
  /** One run on the first `count` publishers at once; `started` is when they were told to go. */
  const publishers = async (count: number, run: PublisherRun) => {
    const n = ++runNumber;
    const children = publisherChildren.slice(0, count);
    const started = performance.now();
    for (const child of children) child.send(`run ${n} ${JSON.stringify(run)}`);
    const runs = await Promise.all(
      children.map(async (child) => {
        const line = await child.line((text) => text.startsWith(`result ${n} `));
        return JSON.parse(line.slice(`result ${n} `.length)) as PublisherResult;
      }),
    );
    return { runs, started };
  };
  // Each count scans the effect table, tens of thousands of rows: counting every 20 ms took a
  // noticeable share of the CPU being measured. The pause shrinks with what is left, so that no pause
  // outlasts the end of a run handled at up to FASTEST_COUNTED events/s.
  const allHandled = async (what: string) => {
    for (let deadline = Date.now() + 300_000, left = expected - (await effects()); left > 0; ) {
      if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, Math.max(5, (left * 1000) / FASTEST_COUNTED)));
      left = expected - (await effects());
    }
  };
  const base = { recordCommits: false };
  try {
    await Promise.all(
      [consumer, ...publisherChildren].map((child) => child.line((line) => line === 'ready')),
    );
    await expectRun(1);
    await publishers(1, { ...base, events: 1, perTransaction: 1, concurrency: 1 }); // topic, group
    await allHandled('the first event');
    const manyRun = {
      ...base,
      events: options.events / options.publishers,
      perTransaction: options.perTransaction,
      concurrency: 4,
    };
    // JIT warm-up, untimed: a cold process spent 2-4x the CPU per event of a warm one, and a publisher
    // after 200 transactions still 30-80 % more than after 1,000 (decision 0166).
    await expectRun(options.warmupEvents);
    await publishers(options.publishers, { ...manyRun, events: options.warmupEvents / options.publishers });
    await allHandled('the warm-up run');

    await expectRun(options.events);
    const busBefore = await busCounts();
    const serversBefore = serversCpuMs();
    const { runs: many, started } = await publishers(options.publishers, manyRun);
    await allHandled('the publishMany run');
    const serversAfter = serversCpuMs();
    const eventsPerSecond = options.events / ((performance.now() - started) / 1000);
    const publishManyPerSecond = options.events / (Math.max(...many.map((run) => run.elapsedMs)) / 1000);
    const busAfter = await busCounts();
    const bus = perEvent(busBefore.other, busAfter.other, options.events);
    const relay = perEvent(busBefore.relay, busAfter.relay, options.events);
    const cpuMicrosPerEvent = {
      bus: ((busAfter.cpuMs - busBefore.cpuMs) * 1000) / options.events,
      publishers: (many.reduce((sum, run) => sum + run.cpuMs, 0) * 1000) / options.events,
      postgres: ((serversAfter.postgres - serversBefore.postgres) * 1000) / options.events,
      broker: options.kafka ? ((serversAfter.broker - serversBefore.broker) * 1000) / options.events : 0,
    };

    await expectRun(options.singleEvents);
    const { runs: single } = await publishers(options.publishers, {
      ...base,
      events: options.singleEvents / options.publishers,
      perTransaction: 1,
      concurrency: 4,
    });
    await allHandled('the one-event-per-transaction run');
    const publishSinglePerSecond =
      options.singleEvents / (Math.max(...single.map((run) => run.elapsedMs)) / 1000);

    const latencies: Latency[] = [];
    for (const ratePerSecond of options.rates) {
      const events = Math.round(ratePerSecond * options.rateSeconds);
      const before = await busCounts();
      await expectRun(events);
      const {
        runs: [run],
      } = await publishers(1, {
        ...base,
        events,
        perTransaction: 1,
        concurrency: 50,
        ratePerSecond,
        recordCommits: true,
      });
      await allHandled(`the ${ratePerSecond}/s run`);
      const atRate = perEvent(before.other, (await busCounts()).other, events);
      const commits = new Map(run?.commits);
      const { rows } = await env.sql.query<{ event_id: string; at: number }>(
        `SELECT event_id::text, extract(epoch FROM handled_at) * 1000 AS at FROM bench.effect WHERE event_id = ANY($1::uuid[])`,
        [[...commits.keys()]],
      );
      const sorted = rows
        .map((row) => Number(row.at) - (commits.get(row.event_id) as number))
        .sort((a, b) => a - b);
      latencies.push({
        ratePerSecond,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        p999Ms: percentile(sorted, 99.9),
        bus: atRate,
      });
    }
    return {
      eventsPerSecond,
      publishManyPerSecond,
      publishSinglePerSecond,
      latencies,
      bus,
      relay,
      cpuMicrosPerEvent,
      publishMany: sent(many, options.events),
      publishSingle: sent(single, options.singleEvents),
    };
  } finally {
    await Promise.all([consumer, ...publisherChildren].map((child) => child.stop()));
  }
}
