import { type Admin, Kafka, type KafkaConfig, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { toKafkaMessage } from '../envelope/kafka-binding';
import { type KafkaConsumerTuning, startKafkaConsumer } from './kafka.consumer';
import { fetchTopicEnds, whileTopicsSettle } from './kafka-offsets';
import { partitionFor } from './partitioner';
import type { ConsumeOptions, OutboundEvent, PartitionLag, Transport, TransportConsumer } from './transport';

export interface KafkaTransportOptions {
  readonly brokers: readonly string[];
  readonly log: Logger;
  /** Partitions of a topic the SDK creates. */
  readonly partitions: number;
  readonly tuning: KafkaConsumerTuning;
  readonly clientId?: string;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'debug',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client connected on first use; a failed connect is tried again on the next use. */
class LazyConnection<T extends { connect(): Promise<void>; disconnect(): Promise<void> }> {
  private connected: Promise<T> | undefined;

  constructor(private readonly create: () => T) {}

  get(): Promise<T> {
    this.connected ??= (async () => {
      const client = this.create();
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  async close(): Promise<void> {
    const connected = this.connected;
    this.connected = undefined;
    await (await connected?.catch(() => undefined))?.disconnect();
  }
}

export function kafkaClient(options: Pick<KafkaTransportOptions, 'brokers' | 'log' | 'clientId'>): Kafka {
  const config: KafkaConfig = {
    clientId: options.clientId ?? 'suite-bus',
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, namespace, log: { message, ...extra } }) =>
        options.log[LEVELS[level] ?? 'info']({ kafka: namespace, ...extra }, message),
  };
  return new Kafka(config);
}

/** Apache Kafka through kafkajs: SDK-provisioned topics, an idempotent producer (acks -1), consumer groups. */
export class KafkaTransport implements Transport {
  readonly kind = 'kafka';
  readonly kafka: Kafka;
  private readonly partitionCounts = new Map<string, number>();
  private readonly admin: LazyConnection<Admin>;
  private readonly producer: LazyConnection<Producer>;

  constructor(private readonly options: KafkaTransportOptions) {
    this.kafka = kafkaClient(options);
    this.admin = new LazyConnection(() => this.kafka.admin());
    // One request in flight keeps per-partition order even when a send is retried. Every message
    // carries its partition (partitionFor), so the partitioner is never asked.
    this.producer = new LazyConnection(() =>
      this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
    );
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    const missing = topics.filter((topic) => !this.partitionCounts.has(topic));
    if (missing.length === 0) return;
    const admin = await this.admin.get();
    const existing = new Set(await admin.listTopics());
    const absent = missing.filter((topic) => !existing.has(topic));
    if (absent.length > 0)
      await whileTopicsSettle(() =>
        admin.createTopics({
          topics: absent.map((topic) => ({ topic, numPartitions: this.options.partitions })),
          waitForLeaders: true,
        }),
      );
    const { topics: metadata } = await whileTopicsSettle(() => admin.fetchTopicMetadata({ topics: missing }));
    for (const { name, partitions } of metadata) this.partitionCounts.set(name, partitions.length);
  }

  async publish(events: readonly OutboundEvent[]): Promise<void> {
    await this.ensureTopics([...new Set(events.map((event) => event.topic))]);
    const byTopic = new Map<string, ReturnType<typeof toKafkaMessage>[]>();
    for (const event of events) {
      const partition = partitionFor(event.key, this.partitionCounts.get(event.topic) as number);
      const messages = byTopic.get(event.topic) ?? [];
      messages.push(toKafkaMessage(event, partition));
      byTopic.set(event.topic, messages);
    }
    const producer = await this.producer.get();
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  consume(options: ConsumeOptions): Promise<TransportConsumer> {
    return startKafkaConsumer(this.kafka, { ...options, log: this.options.log, tuning: this.options.tuning });
  }

  async lag(group: string, topics: readonly string[]): Promise<PartitionLag[]> {
    const admin = await this.admin.get();
    const committed = await admin.fetchOffsets({ groupId: group, topics: [...topics] });
    const lags: PartitionLag[] = [];
    for (const { topic, partitions } of committed) {
      const ends = await fetchTopicEnds(admin, topic);
      for (const { partition, offset } of partitions) {
        const bounds = ends.find((end) => end.partition === partition);
        const end = BigInt(bounds?.high ?? 0);
        // Negative: nothing committed yet (-1) or reset to earliest (-2), so the group starts at the oldest retained offset.
        const next = BigInt(offset) < 0n ? BigInt(bounds?.low ?? 0) : BigInt(offset);
        lags.push({ topic, partition, committed: next, end, lag: end - next });
      }
    }
    return lags.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }

  async close(): Promise<void> {
    await Promise.all([this.producer.close(), this.admin.close()]);
  }
}
