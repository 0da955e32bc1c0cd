import type { Admin } from 'kafkajs';

type TopicOffsets = Awaited<ReturnType<Admin['fetchTopicOffsets']>>;

const ATTEMPTS = 20;

/**
 * `admin.fetchTopicOffsets` gives up at once on a retriable broker error. A topic that another process
 * has just created answers "not the leader for that topic-partition" until its leaders settle (and
 * `createTopics({ waitForLeaders })` does not wait for a topic that already existed), so this retries
 * those errors with a growing pause and rethrows anything else.
 */
export async function fetchTopicEnds(admin: Admin, topic: string): Promise<TopicOffsets> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt === ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * attempt, 500)));
    }
  }
}
