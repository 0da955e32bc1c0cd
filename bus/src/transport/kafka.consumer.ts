import type { Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { fromKafkaMessage } from '../envelope/kafka-binding';
import { CoalescedCommits } from './kafka-commits';
import type { ConsumeOptions, InboundRecord, TransportConsumer } from './transport';

export interface KafkaConsumerTuning {
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly rebalanceTimeoutMs: number;
  /** Longest a fetch waits for data; also bounds how long a clean stop waits for the fetch in flight. */
  readonly maxWaitTimeMs: number;
  readonly partitionsConsumedConcurrently: number;
}

interface KafkaConsumeOptions extends ConsumeOptions {
  readonly log: Logger;
  readonly tuning: KafkaConsumerTuning;
}

function toRecord(topic: string, partition: number, message: KafkaMessage): InboundRecord {
  const { offset } = message;
  const key = message.key?.toString() ?? '';
  try {
    return { topic, partition, offset, key, envelope: fromKafkaMessage(message) };
  } catch (error) {
    const headers = Object.fromEntries(
      Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString()]),
    );
    return {
      topic,
      partition,
      offset,
      key,
      envelope: { headers, value: message.value?.toString() ?? null },
      decodeError: `not a CloudEvents message (structured JSON or binary mode): ${(error as Error).message}`,
    };
  }
}

const partitionId = (topic: string, partition: number) => `${topic}/${partition}`;

// The group moved on: the partition's new owner commits from here, so the commit is not retried.
const REBALANCING = new Set(['REBALANCE_IN_PROGRESS', 'UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION']);
const refusedForRebalance = (error: unknown) => REBALANCING.has((error as { type?: string }).type ?? '');

/**
 * A kafkajs consumer-group member. kafkajs fetches again only when every batch of a fetch returned,
 * so batches are handed over without waiting for them to be applied, and offsets are committed as
 * the runtime finishes records: a member killed mid-batch leaves unfinished records uncommitted.
 */
export async function startKafkaConsumer(
  kafka: Kafka,
  options: KafkaConsumeOptions,
): Promise<TransportConsumer> {
  const { group, topics, tuning, deliver, release, log } = options;
  const consumer = kafka.consumer({
    groupId: group,
    sessionTimeout: tuning.sessionTimeoutMs,
    heartbeatInterval: tuning.heartbeatIntervalMs,
    rebalanceTimeout: tuning.rebalanceTimeoutMs,
    maxWaitTimeInMs: tuning.maxWaitTimeMs,
    allowAutoTopicCreation: false,
    // Rides out a broker restart inside kafkajs' retries: once they are spent it crashes and rejoins as
    // a new member, which waits for the old member's session to expire.
    retry: { retries: 30, initialRetryTime: 200, maxRetryTime: 2000 },
  });
  const commits = new CoalescedCommits((offsets) => consumer.commitOffsets(offsets));
  const active = new Map<string, { topic: string; partition: number }>();
  let stopping = false;
  const releaseAll = (keep: (id: string) => boolean) =>
    Promise.all(
      [...active].flatMap(([id, { topic, partition }]) => {
        if (keep(id)) return [];
        active.delete(id);
        return [release(topic, partition)];
      }),
    );

  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!stopping)
      log.error({ err: payload.error, group, restart: payload.restart }, 'kafka consumer crashed');
  });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const assigned = new Set(
      Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
        partitions.map((partition) => partitionId(topic, partition)),
      ),
    );
    releaseAll((id) => assigned.has(id)).catch((error: unknown) =>
      log.warn({ err: error, group }, 'releasing revoked partitions failed'),
    );
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: tuning.partitionsConsumedConcurrently,
      eachBatch: async ({ batch, resolveOffset, isRunning, isStale }) => {
        if (!isRunning() || isStale() || stopping || batch.messages.length === 0) return;
        const { topic, partition } = batch;
        active.set(partitionId(topic, partition), { topic, partition });
        const records = batch.messages.map((message) => toRecord(topic, partition, message));
        await deliver({ topic, partition, records }, async (next) => {
          try {
            await commits.commit(topic, partition, next.toString());
          } catch (error) {
            if (!refusedForRebalance(error)) throw error;
            log.debug({ err: error, group, topic, partition }, 'offset commit refused during a rebalance');
          }
        });
        if (!stopping) resolveOffset(batch.messages.at(-1)?.offset as string);
      },
    });
  } catch (error) {
    // Leave at once, so the group does not wait out a half-joined member's session.
    await consumer.disconnect().catch(() => {});
    throw error;
  }
  const all = topics.map((topic) => ({ topic }));
  return {
    async pause() {
      consumer.pause(all);
    },
    async resume() {
      consumer.resume(all);
    },
    async stop() {
      stopping = true;
      consumer.pause(all);
      await releaseAll(() => false);
      await consumer.disconnect();
    },
  };
}
