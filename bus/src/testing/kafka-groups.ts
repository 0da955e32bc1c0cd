import { Kafka, logLevel } from 'kafkajs';
import { fetchTopicEnds, whileTopicsSettle } from '../transport/kafka-offsets';

export interface GroupTopics {
  readonly group: string;
  readonly topics: readonly string[];
}

/** Joins `group` once and commits the current end of its topics, so the group starts there. */
async function commitEnd(kafka: Kafka, { group, topics }: GroupTopics): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  // Short timeouts: should this member's leave not reach the coordinator, it expires in seconds rather
  // than holding up the next member of the group (the real consumer) for kafkajs' default 30-60 s.
  const consumer = kafka.consumer({
    groupId: group,
    maxWaitTimeInMs: 100,
    sessionTimeout: 6000,
    rebalanceTimeout: 6000,
    heartbeatInterval: 1000,
  });
  try {
    const ends = await Promise.all(
      topics.map(async (topic) => ({ topic, partitions: await fetchTopicEnds(admin, topic) })),
    );
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics] });
    const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
    await consumer.run({ autoCommit: false, eachBatch: async () => {} });
    await joined;
    await consumer.commitOffsets(
      ends.flatMap(({ topic, partitions }) =>
        partitions.map(({ partition, high }) => ({ topic, partition, offset: high })),
      ),
    );
  } finally {
    await consumer.disconnect();
    await admin.disconnect();
  }
}

/**
 * Kafka keeps topics and offsets across test files and runs, and the modules' topics are the contract's
 * (`crm.company`, ...). So each test suite consumes under groups of its own, started at the current end
 * of each topic: it sees only events published from now on, never another run's. Joining once and
 * committing is one round per group, where kafkajs' `admin.resetOffsets` took seconds per topic.
 */
export async function startGroupsAtEnd(
  brokers: readonly string[],
  groups: readonly GroupTopics[],
  partitions: number,
): Promise<void> {
  const kafka = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = [...new Set(groups.flatMap((entry) => entry.topics))];
    await whileTopicsSettle(() =>
      admin.createTopics({
        topics: topics.map((topic) => ({ topic, numPartitions: partitions })),
        waitForLeaders: true,
      }),
    );
  } finally {
    await admin.disconnect();
  }
  await Promise.all(groups.map((group) => commitEnd(kafka, group)));
}
