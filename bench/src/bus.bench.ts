// npm run bench:bus — the bus on this machine: raw kafkajs against our Kafka transport on the same
// messages, the full pipeline (transaction + outbox → relay → transport → handler with inbox) on Kafka
// and on the PostgreSQL log, and publish-commit → handler-commit latency at a fixed rate on both.
// DATABASE_URL (else an embedded PostgreSQL) and KAFKA_BROKERS (else bus/kafka/kafka-dev.mjs).
import { randomBytes } from 'node:crypto';
import { createBus, partitionFor } from '@suite/bus';
import { testEvents } from '@suite/bus/testing';
import { pino } from 'pino';
import { benchEnvironment } from './bus/bench-environment';
import { envelopes, kafkaMessages, rawKafkajs, transportKafka } from './bus/kafka-throughput';
import { pipeline } from './bus/pipeline';
import { round } from './bus/stats';

const PARTITIONS = 8;
const MESSAGES = 30_000;
const PIPELINE = { events: 4000, publishers: 6, ratePerSecond: 100, rateSeconds: 8, partitions: PARTITIONS };

const env = await benchEnvironment();
try {
  const events = testEvents();
  const batch = envelopes(events, env.orgId, MESSAGES);
  const suffix = randomBytes(3).toString('hex');

  const raw = await rawKafkajs(
    env.brokers,
    `${events.producer}.raw${suffix}`,
    kafkaMessages(batch, PARTITIONS, partitionFor),
    PARTITIONS,
  );
  console.log(`raw kafkajs produce→consume: ${round(raw)} msgs/s (${MESSAGES} messages)`);

  const bus = createBus({
    db: env.db,
    databaseUrl: env.databaseUrl,
    kafkaBrokers: env.brokers,
    partitions: PARTITIONS,
    log: pino({ level: 'warn' }),
    tuning: { kafka: { maxWaitTimeMs: 100 } },
  });
  const client = await env.sql.connect();
  const ours = await transportKafka(bus, events.topic, batch, client).finally(() => client.release());
  await bus.close();
  console.log(`bus Kafka transport produce→consume: ${round(ours)} msgs/s (${round(ours / raw, 2)}× raw)`);

  const kafka = await pipeline(env, { kafka: true, ...PIPELINE });
  console.log(
    `pipeline on Kafka: ${round(kafka.eventsPerSecond)} events/s; at ${PIPELINE.ratePerSecond}/s p50 ${round(kafka.p50Ms, 1)} ms, p99 ${round(kafka.p99Ms, 1)} ms`,
  );
  const postgres = await pipeline(env, { kafka: false, ...PIPELINE });
  console.log(
    `pipeline on the PostgreSQL log: ${round(postgres.eventsPerSecond)} events/s; at ${PIPELINE.ratePerSecond}/s p50 ${round(postgres.p50Ms, 1)} ms, p99 ${round(postgres.p99Ms, 1)} ms`,
  );

  const figures = {
    raw_kafkajs_msgs_per_s: round(raw),
    kafka_transport_msgs_per_s: round(ours),
    kafka_transport_vs_raw: round(ours / raw, 2),
    pipeline_kafka_events_per_s: round(kafka.eventsPerSecond),
    pipeline_pglog_events_per_s: round(postgres.eventsPerSecond),
    latency_rate_per_s: PIPELINE.ratePerSecond,
    latency_kafka_p50_ms: round(kafka.p50Ms, 1),
    latency_kafka_p99_ms: round(kafka.p99Ms, 1),
    latency_pglog_p50_ms: round(postgres.p50Ms, 1),
    latency_pglog_p99_ms: round(postgres.p99Ms, 1),
  };
  console.log(
    `bus-bench: ${Object.entries(figures)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')}`,
  );
} finally {
  await env.close();
}
