import type { Admin } from 'kafkajs';

type TopicOffsets = Awaited<ReturnType<Admin['fetchTopicOffsets']>>;

const ATTEMPTS = 20;

/**
 * Runs an admin request again while the broker answers a retriable error, with a growing pause, and
 * rethrows anything else. Topics just created (by us or another process) answer "not the leader" or
 * "does not host this topic-partition" until their leaders settle; kafkajs' admin gives up at once on
 * those (and `createTopics({ waitForLeaders })` retries only the first, and does not wait for a topic
 * that already existed).
 */
export async function whileTopicsSettle<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt === ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * attempt, 500)));
    }
  }
}

export function fetchTopicEnds(admin: Admin, topic: string): Promise<TopicOffsets> {
  return whileTopicsSettle(async () => {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      // kafkajs 2.2.4 throws a TypeError (`high.pop(...)` is undefined) while the broker's metadata
      // lists the topic with no partitions yet, right after it was created: not settled, so ask again.
      if (!(error instanceof TypeError)) throw error;
      throw Object.assign(new Error(`topic ${topic} has no partitions in the broker's metadata yet`), {
        cause: error,
        retriable: true,
      });
    }
  });
}
