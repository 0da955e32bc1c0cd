// npm run bus -w @suite/bench (npm run bench:bus) — the bus on this machine, beside its ceilings and a peer
// measured in the same run: raw kafkajs against our Kafka transport on the same messages; raw pg
// batched inserts (the database's ceiling); graphile-worker running no-op jobs (the peer); the full
// pipeline (state change + publish → relay → transport → handler with one effect row → inbox) on
// Kafka and on the PostgreSQL log with publishers and the bus in processes of their own; and
// publish-commit → handler latency at fixed rates. DATABASE_URL (else an embedded PostgreSQL) and
// KAFKA_BROKERS (else bus/kafka/kafka-dev.mjs). Statements and commits per event are counted at the
// `pg` driver, a measure that holds on a loaded machine. BUS_BENCH_SCALE=0.05 shrinks every run (a
// smoke test of the bench itself; its rates mean nothing).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { createBus } from '@suite/bus';
import { testEvents } from '@suite/bus/testing';
import { pino } from 'pino';
import { benchEnvironment } from './bus/bench-environment';
import { graphileWorkerNoop, rawPgBatchedInsert } from './bus/ceilings';
import { envelopes, kafkaMessages, rawKafkajs, transportKafka } from './bus/kafka-throughput';
import { type Latency, type PerEvent, type PipelineOptions, pipeline } from './bus/pipeline';
import { processesCpuMs } from './support/process-cpu';
import { percentileOf, round } from './support/stats';

const scale = Number(process.env.BUS_BENCH_SCALE ?? 1);
if (!(scale > 0 && scale <= 1)) throw new Error('BUS_BENCH_SCALE must be a number in (0, 1], e.g. 0.05');
const scaled = (n: number, multiple = 1) => Math.max(multiple, Math.round((n * scale) / multiple) * multiple);
const PARTITIONS = 8;
const MESSAGES = scaled(90_000, 500);
const PIPELINE: Omit<PipelineOptions, 'kafka'> = {
  partitions: PARTITIONS,
  events: scaled(100_000, 100),
  warmupEvents: scaled(100_000, 100),
  publishers: 2,
  perTransaction: 50,
  singleEvents: scaled(2000, 2),
  rates: [100, 1000],
  rateSeconds: 30 * scale,
};

const env = await benchEnvironment();
const loadAtStart = loadavg()[0] as number;
try {
  const events = testEvents();
  const batch = envelopes(events, env.orgId, MESSAGES);
  const suffix = randomBytes(3).toString('hex');

  const rawRun = (name: string) =>
    rawKafkajs(env.brokers, `${events.producer}.${name}${suffix}`, kafkaMessages(batch), PARTITIONS);
  await rawRun('rawwarm'); // untimed: kafkajs's code warm, as in the pipeline's long-lived bus process
  const bus = createBus({
    db: env.db,
    databaseUrl: env.databaseUrl,
    kafkaBrokers: env.brokers,
    partitions: PARTITIONS,
    log: pino({ level: 'warn' }),
    tuning: { kafka: { maxWaitTimeMs: 100 } },
  });
  const client = await env.sql.connect();
  // Each run lasts a second or two and single runs swung by ±10 %, so each side runs three times,
  // alternately, and its median counts.
  const raws: number[] = [];
  const ourRuns: number[] = [];
  const rawCpu = { clientMicros: 0, brokerMs: 0 };
  try {
    for (const attempt of [1, 2, 3]) {
      const before = { client: process.cpuUsage(), broker: processesCpuMs('java') };
      raws.push(await rawRun(`raw${attempt}`));
      const used = process.cpuUsage(before.client);
      rawCpu.clientMicros += used.user + used.system;
      rawCpu.brokerMs += processesCpuMs('java') - before.broker;
      ourRuns.push(await transportKafka(bus, `${events.topic}.t${attempt}${suffix}`, batch, client));
    }
  } finally {
    client.release();
    await bus.close();
  }
  const raw = percentileOf(raws, 50);
  const ours = percentileOf(ourRuns, 50);
  // The client's part of what a Kafka pipeline event must cost at least: one produce and one consume.
  const rawClientMicros = rawCpu.clientMicros / (raws.length * MESSAGES);
  const rawBrokerMicros = (rawCpu.brokerMs * 1000) / (raws.length * MESSAGES);
  console.log(
    `raw kafkajs produce→consume: ${round(raw)} msgs/s (${MESSAGES} messages), CPU ${round(rawClientMicros)} µs per message in kafkajs, ${round(rawBrokerMicros)} µs in the broker`,
  );
  console.log(`bus Kafka transport produce→consume: ${round(ours)} msgs/s (${round(ours / raw, 2)}× raw)`);

  const rawPg = await rawPgBatchedInsert(env.databaseUrl, { transactions: scaled(40) });
  console.log(`raw pg, 8 clients, 100-row insert transactions: ${round(rawPg)} rows/s`);
  const graphile = await graphileWorkerNoop(env.databaseUrl, scaled(10_000, 100));
  console.log(`graphile-worker no-op jobs, concurrency 10: ${round(graphile)} jobs/s`);

  const perEvent = (counts: PerEvent) =>
    `${round(counts.statements, 2)} statements ${round(counts.commits, 2)} commits`;
  const at = (latencies: readonly Latency[], rate: number) =>
    latencies.find((latency) => latency.ratePerSecond === rate) as Latency;
  const report = (name: string, result: Awaited<ReturnType<typeof pipeline>>) =>
    console.log(
      `pipeline on ${name}: ${round(result.eventsPerSecond)} events/s (publishMany commits ${round(result.publishManyPerSecond)}/s, one per transaction ${round(result.publishSinglePerSecond)}/s); ` +
        result.latencies
          .map(
            (l) =>
              `at ${l.ratePerSecond}/s p50 ${round(l.p50Ms, 1)} ms, p99 ${round(l.p99Ms, 1)} ms, p99.9 ${round(l.p999Ms, 1)} ms`,
          )
          .join('; ') +
        `; per event: CPU ${round(result.cpuMicrosPerEvent.bus)} µs in the bus process, ${round(result.cpuMicrosPerEvent.publishers)} µs in publishers, ${round(result.cpuMicrosPerEvent.postgres)} µs in PostgreSQL, ${round(result.cpuMicrosPerEvent.broker)} µs in the broker; consumer ${perEvent(result.bus)}, at 1000/s ${perEvent(at(result.latencies, 1000).bus)}, relay ${perEvent(result.relay)}, ` +
        `publishMany ${perEvent(result.publishMany)}, one per transaction ${perEvent(result.publishSingle)}`,
    );
  const kafka = await pipeline(env, { kafka: true, ...PIPELINE });
  report('Kafka', kafka);
  const postgres = await pipeline(env, { kafka: false, ...PIPELINE });
  report('the PostgreSQL log', postgres);

  const slowest = Math.min(kafka.eventsPerSecond, postgres.eventsPerSecond);
  const figures = {
    raw_kafkajs_msgs_per_s: round(raw),
    kafka_transport_msgs_per_s: round(ours),
    kafka_transport_vs_raw: round(ours / raw, 2),
    raw_kafkajs_cpu_us_per_msg: round(rawClientMicros),
    raw_kafkajs_broker_cpu_us_per_msg: round(rawBrokerMicros),
    pipeline_kafka_events_per_s: round(kafka.eventsPerSecond),
    pipeline_pglog_events_per_s: round(postgres.eventsPerSecond),
    latency_rate_per_s: 100,
    latency_kafka_p50_ms: round(at(kafka.latencies, 100).p50Ms, 1),
    latency_kafka_p99_ms: round(at(kafka.latencies, 100).p99Ms, 1),
    latency_pglog_p50_ms: round(at(postgres.latencies, 100).p50Ms, 1),
    latency_pglog_p99_ms: round(at(postgres.latencies, 100).p99Ms, 1),
    latency_1000_kafka_p50_ms: round(at(kafka.latencies, 1000).p50Ms, 1),
    latency_1000_kafka_p99_ms: round(at(kafka.latencies, 1000).p99Ms, 1),
    latency_1000_pglog_p50_ms: round(at(postgres.latencies, 1000).p50Ms, 1),
    latency_1000_pglog_p99_ms: round(at(postgres.latencies, 1000).p99Ms, 1),
    latency_1000_kafka_p999_ms: round(at(kafka.latencies, 1000).p999Ms, 1),
    latency_1000_pglog_p999_ms: round(at(postgres.latencies, 1000).p999Ms, 1),
    publish_many_kafka_events_per_s: round(kafka.publishManyPerSecond),
    publish_many_pglog_events_per_s: round(postgres.publishManyPerSecond),
    publish_single_kafka_events_per_s: round(kafka.publishSinglePerSecond),
    publish_single_pglog_events_per_s: round(postgres.publishSinglePerSecond),
    raw_pg_batched_rows_per_s: round(rawPg),
    graphile_worker_jobs_per_s: round(graphile),
    pipeline_vs_raw_pg: round(slowest / rawPg, 3),
    pipeline_vs_graphile_worker: round(slowest / graphile, 2),
    consumer_statements_per_event_kafka: round(kafka.bus.statements, 2),
    consumer_statements_per_event_pglog: round(postgres.bus.statements, 2),
    consumer_commits_per_event_kafka: round(kafka.bus.commits, 2),
    consumer_commits_per_event_pglog: round(postgres.bus.commits, 2),
    consumer_statements_per_event_1000_kafka: round(at(kafka.latencies, 1000).bus.statements, 2),
    consumer_statements_per_event_1000_pglog: round(at(postgres.latencies, 1000).bus.statements, 2),
    consumer_commits_per_event_1000_kafka: round(at(kafka.latencies, 1000).bus.commits, 2),
    consumer_commits_per_event_1000_pglog: round(at(postgres.latencies, 1000).bus.commits, 2),
    relay_statements_per_event_kafka: round(kafka.relay.statements, 2),
    relay_statements_per_event_pglog: round(postgres.relay.statements, 2),
    publish_many_statements_per_event: round(postgres.publishMany.statements, 2),
    publish_single_statements_per_event: round(postgres.publishSingle.statements, 2),
    cpu_us_per_event_bus_kafka: round(kafka.cpuMicrosPerEvent.bus),
    cpu_us_per_event_bus_pglog: round(postgres.cpuMicrosPerEvent.bus),
    cpu_us_per_event_publishers_kafka: round(kafka.cpuMicrosPerEvent.publishers),
    cpu_us_per_event_publishers_pglog: round(postgres.cpuMicrosPerEvent.publishers),
    cpu_us_per_event_postgres_kafka: round(kafka.cpuMicrosPerEvent.postgres),
    cpu_us_per_event_postgres_pglog: round(postgres.cpuMicrosPerEvent.postgres),
    cpu_us_per_event_broker_kafka: round(kafka.cpuMicrosPerEvent.broker),
    bench_scale: scale,
    load_average_1m_start: round(loadAtStart, 1),
    load_average_1m_end: round(loadavg()[0] as number, 1),
  };
  console.log(
    `bus-bench: ${Object.entries(figures)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')}`,
  );
} finally {
  await env.close();
}
