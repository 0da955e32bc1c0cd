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
  return whileTopicsSettle(() => admin.fetchTopicOffsets(topic));
}
