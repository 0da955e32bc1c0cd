export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

interface Waiting extends PartitionOffset {
  readonly settle: ((error?: unknown) => void)[];
}

/**
 * Offset commits of a member's partitions, sent together: while one request is in flight the others'
 * offsets wait and go in the next, one request for all of them. A fetch hands over up to every
 * partition at once, and each committing alone cost a round trip to the group coordinator per partition.
 * `commit` resolves once a request holding that offset (or a later one of the partition) succeeded, and
 * rejects with that request's error.
 */
export class CoalescedCommits {
  private readonly waiting = new Map<string, Waiting>();
  private sending: Promise<void> | undefined;

  constructor(private readonly send: (offsets: PartitionOffset[]) => Promise<void>) {}

  commit(topic: string, partition: number, offset: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (error?: unknown) => (error === undefined ? resolve() : reject(error));
      const id = `${topic}/${partition}`;
      const earlier = this.waiting.get(id);
      // A retried commit may come after a later one: the partition's offset never moves back.
      const highest = earlier && BigInt(earlier.offset) > BigInt(offset) ? earlier.offset : offset;
      this.waiting.set(id, {
        topic,
        partition,
        offset: highest,
        settle: [...(earlier?.settle ?? []), settle],
      });
      this.sending ??= this.sendWhileWaiting();
    });
  }

  private async sendWhileWaiting(): Promise<void> {
    while (this.waiting.size > 0) {
      const batch = [...this.waiting.values()];
      this.waiting.clear();
      let failure: unknown;
      try {
        await this.send(batch.map(({ topic, partition, offset }) => ({ topic, partition, offset })));
      } catch (error) {
        failure = error ?? new Error('offset commit failed');
      }
      for (const { settle } of batch) for (const done of settle) done(failure);
    }
    this.sending = undefined;
  }
}
