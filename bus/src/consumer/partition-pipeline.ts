import { Wakeup } from '../pg/wakeup';
import type { InboundRecord } from '../transport/transport';

interface Pending {
  readonly offset: bigint;
  done: boolean;
}

/**
 * Applies one partition's records: in order per key, different keys at the same time, so a key whose
 * event is being retried holds back only its own later events. The committed offset is the one after
 * the longest finished prefix, so a crash redelivers only unfinished (or finished-but-later) records.
 */
export class PartitionPipeline {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly pending: Pending[] = [];
  private readonly room = new Wakeup();
  private committing: Promise<void> = Promise.resolve();
  private lastSubmitted = -1n;

  constructor(
    private readonly apply: (record: InboundRecord) => Promise<void>,
    private readonly commit: (next: bigint) => Promise<void>,
    private readonly maxInFlight: number,
    private readonly stopped: AbortSignal,
  ) {}

  /**
   * Takes records in offset order; waits while `maxInFlight` records are unfinished. A record at or
   * below one already taken (the transport fetched again from the committed offset after a consumer
   * restart or rebalance) is finished or in flight here, so it is skipped.
   */
  async submit(records: readonly InboundRecord[]): Promise<void> {
    for (const record of records) {
      if (BigInt(record.offset) <= this.lastSubmitted) continue;
      while (this.pending.length >= this.maxInFlight && !this.stopped.aborted) await this.room.wait(500);
      if (this.stopped.aborted) return;
      const entry: Pending = { offset: BigInt(record.offset), done: false };
      this.lastSubmitted = entry.offset;
      this.pending.push(entry);
      // A record that was not finished (the consumer is stopping) stops its key's chain: later events
      // of that key must not overtake it.
      const tail = (this.tails.get(record.key) ?? Promise.resolve()).then(() => this.apply(record));
      this.tails.set(record.key, tail);
      tail.then(
        () => {
          entry.done = true;
          this.advance();
        },
        () => {},
      );
      tail
        .finally(() => {
          if (this.tails.get(record.key) === tail) this.tails.delete(record.key);
        })
        .catch(() => {});
    }
  }

  /** Resolves once every submitted record is finished (or abandoned because the consumer stops) and committed. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.allSettled([...this.tails.values()]);
    await this.committing;
  }

  private advance(): void {
    let next: bigint | undefined;
    while (this.pending[0]?.done) next = (this.pending.shift() as Pending).offset + 1n;
    if (next === undefined) return;
    this.room.wake();
    const offset = next;
    this.committing = this.committing.then(() => this.commit(offset));
  }
}
