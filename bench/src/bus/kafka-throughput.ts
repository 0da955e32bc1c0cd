import { type Bus, type EventEnvelope, toKafkaMessage } from '@suite/bus';
import type { TestEvents } from '@suite/bus/testing';
import { Kafka, logLevel, type Message, Partitioners } from 'kafkajs';
import type pg from 'pg';
import { until } from '../support/stats';

const CHUNK = 500;

/** Envelopes as the relay hands them over: `count` events over 1000 keys. */
export function envelopes(events: TestEvents, orgId: string, count: number): EventEnvelope[] {
  const time = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const itemId = `item-${i % 1000}`;
    return {
      specversion: '1.0',
      id: crypto.randomUUID(),
      source: `/onestack/${events.producer}`,
      type: events.itemChanged.type,
      subject: itemId,
      time,
      datacontenttype: 'application/json',
      dataschema: `urn:onestack:event:${events.itemChanged.type}:v1`,
      orgid: orgId,
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      partitionkey: itemId,
      data: { itemId, seq: i },
    };
  });
}

const chunks = <T>(items: readonly T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** Plain kafkajs: idempotent producer (acks -1) in batches of 500, a consumer group counting what arrives. */
export async function rawKafkajs(
  brokers: string[],
  topic: string,
  messages: Message[],
  partitions: number,
): Promise<number> {
  const kafka = new Kafka({ brokers, clientId: 'bench-raw', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = kafka.consumer({ groupId: `${topic}.raw`, maxWaitTimeInMs: 100 });
  let received = 0;
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: partitions,
    eachBatch: async ({ batch }) => {
      received += batch.messages.length;
    },
  });
  const [warmUp, ...measured] = messages;
  await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages: [warmUp as Message] }] });
  await until('the raw consumer to join and read a first message', () => received >= 1, 60_000);
  const started = performance.now();
  for (const chunk of chunks(measured))
    await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages: chunk }] });
  await until('raw kafkajs to consume everything', () => received >= messages.length, 120_000);
  const seconds = (performance.now() - started) / 1000;
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return measured.length / seconds;
}

/** The same events through the bus's Kafka transport: its partitioning, decoding and commits. */
export async function transportKafka(
  bus: Bus,
  topic: string,
  events: EventEnvelope[],
  client: pg.ClientBase,
): Promise<number> {
  const { transport } = bus;
  await transport.ensureTopics([topic]);
  let received = 0;
  const consumer = await transport.consume({
    group: `${topic}.transport`,
    topics: [topic],
    async deliver({ records }, commit) {
      received += records.length;
      await commit(BigInt(records.at(-1)?.offset ?? '0') + 1n);
    },
    async release() {},
  });
  // Rendered before the clock, as raw kafkajs's messages are and as the relay has PostgreSQL render them.
  const [warmUp, ...measured] = events.map((envelope) => ({
    topic,
    key: envelope.partitionkey,
    event: JSON.stringify(envelope),
  }));
  await transport.publish([warmUp as (typeof measured)[number]], client);
  await until('the transport consumer to join and read a first message', () => received >= 1, 60_000);
  const started = performance.now();
  for (const chunk of chunks(measured)) await transport.publish(chunk, client);
  await until('the transport to consume everything', () => received >= events.length, 120_000);
  const seconds = (performance.now() - started) / 1000;
  await consumer.stop();
  return measured.length / seconds;
}

/**
 * The events as plain kafkajs messages: key, the CloudEvents JSON, its content type. No partition: the
 * producer's DefaultPartitioner (murmur2, as the bus's partitionFor) places each during the send, as in
 * any kafkajs application and as our transport places them during its publish.
 */
export function kafkaMessages(events: EventEnvelope[]): Message[] {
  return events.map((envelope) => {
    const { partition: _, ...message } = toKafkaMessage(
      { key: envelope.partitionkey, event: JSON.stringify(envelope) },
      0,
    );
    return message;
  });
}
