import type { OrgTransaction } from '@suite/db';
import { Wakeup } from '../pg/wakeup';
import type { CommitInFn, InboundRecord, OffsetWrite } from '../transport/transport';
import type { Stopper } from './stopper';

interface Pending {
  readonly offset: bigint;
  done: boolean;
}

export interface PipelineSizes {
  /** Unfinished records before `submit` waits. */
  readonly maxInFlight: number;
  /** Most records applied together. */
  readonly maxBatch: number;
  /** Longest a smaller batch waits for more records; 0 applies what arrived at once. */
  readonly lingerMs: number;
}

export interface PipelineSteps {
  /** Today's path for one record: retries, backoff, dead letters. Rejects only when the consumer stops. */
  applyOne(record: InboundRecord): Promise<void>;
  /**
   * Applies records of several keys together (in offset order); false when they must be applied one at
   * a time instead, which the pipeline then does. Absent: every record goes one at a time. `advance`
   * (with `commitIn`) is written last in the (last) database transaction of the batch, to commit the
   * offset with it.
   */
  applyBatch?(records: readonly InboundRecord[], advance: AdvanceOffset | undefined): Promise<boolean>;
  /** Records the offset after the finished prefix; a rejection is retried. */
  commit(next: bigint): Promise<void>;
  /**
   * Records it inside the handler's transaction instead (the PostgreSQL log), for several partitions in
   * one statement. Absent (Kafka): the offset is committed after the database commit.
   */
  readonly commitIn?: CommitInFn;
  onCommitError(error: unknown, next: bigint): void;
}

/** The offset a batch's transaction commits with it: where its commit will make the finished prefix reach. */
export interface AdvanceOffset {
  readonly commitIn: CommitInFn;
  /** Asked when the transaction is about to write it; undefined when there is nothing to write. */
  target(): OffsetWrite | undefined;
  /** The write took (this member still owns the partition); it counts once the transaction commits. */
  written(next: bigint): void;
}

/**
 * Writes the batches' offsets in `tx`: one statement per transport consumer, so that the batches of
 * several partitions sharing a transaction add one statement, not one each.
 */
export async function writeOffsets(tx: OrgTransaction, advances: readonly AdvanceOffset[]): Promise<void> {
  const byWriter = new Map<CommitInFn, { advance: AdvanceOffset; write: OffsetWrite }[]>();
  for (const advance of advances) {
    const write = advance.target();
    if (!write) continue;
    byWriter.set(advance.commitIn, [...(byWriter.get(advance.commitIn) ?? []), { advance, write }]);
  }
  for (const [commitIn, pending] of byWriter) {
    const taken = await commitIn(
      tx,
      pending.map(({ write }) => write),
    );
    for (const [i, { advance, write }] of pending.entries()) if (taken[i]) advance.written(write.next);
  }
}

const COMMIT_RETRY_MS = { first: 100, most: 5000 };
/** Tries left for the last commit once the partition is released: the next owner redelivers the rest. */
const RELEASED_COMMIT_TRIES = 3;

/**
 * Applies one partition's records: in order per key, different keys at the same time, so a key whose
 * event is being retried holds back only its own later events. Keys not held back go through
 * `applyBatch` together; when a batch fails its records go one at a time after all. The committed
 * offset is the one after the longest finished prefix, so a crash redelivers only unfinished (or
 * finished-but-later) records. A failed commit is retried and never stops later commits.
 */
export class PartitionPipeline {
  /** Per key, the promise of its last record; `batchOf` says when that is a batch's outcome. */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly batchOf = new Map<string, Promise<BatchOutcome>>();
  private readonly pending: Pending[] = [];
  private readonly room = new Wakeup();
  private committing: Promise<void> | undefined;
  private target = -1n;
  private committed = -1n;
  private released = false;
  private lastSubmitted = -1n;
  /** Records waiting up to `lingerMs` for more, so they are applied in one batch. */
  private held: InboundRecord[] = [];
  private lingering: NodeJS.Timeout | undefined;

  constructor(
    private readonly steps: PipelineSteps,
    private readonly sizes: PipelineSizes,
    private readonly stopper: Stopper,
  ) {}

  /**
   * Takes records in offset order; waits while `maxInFlight` records are unfinished. A record at or
   * below one already taken (the transport fetched again from the committed offset after a consumer
   * restart or rebalance) is finished or in flight here, so it is skipped. Fewer than `maxBatch`
   * records wait up to `lingerMs` for more.
   */
  async submit(records: readonly InboundRecord[]): Promise<void> {
    const { maxBatch, maxInFlight, lingerMs } = this.sizes;
    const fresh = records.filter((record) => BigInt(record.offset) > this.lastSubmitted);
    const last = fresh.at(-1);
    if (last) this.lastSubmitted = BigInt(last.offset);
    this.held.push(...fresh);
    while (this.held.length >= maxBatch || (this.held.length > 0 && lingerMs === 0)) {
      while (this.pending.length >= maxInFlight && !this.stopper.stopped) await this.room.wait(500);
      if (this.stopper.stopped) return;
      this.take(this.held.splice(0, maxBatch));
    }
    if (this.held.length > 0) this.lingering ??= setTimeout(() => this.takeHeld(), lingerMs);
  }

  /** Resolves once every submitted record is finished (or abandoned because the consumer stops) and committed. */
  async drain(): Promise<void> {
    this.released = true;
    this.takeHeld();
    while (this.tails.size > 0) await Promise.allSettled([...this.tails.values()]);
    await this.committing;
  }

  private takeHeld(): void {
    clearTimeout(this.lingering);
    this.lingering = undefined;
    if (this.held.length > 0 && !this.stopper.stopped) this.take(this.held.splice(0));
  }

  private take(records: readonly InboundRecord[]): void {
    const byKey = new Map<string, { record: InboundRecord; entry: Pending }[]>();
    for (const record of records) {
      const entry: Pending = { offset: BigInt(record.offset), done: false };
      this.pending.push(entry);
      const items = byKey.get(record.key) ?? [];
      items.push({ record, entry });
      byKey.set(record.key, items);
    }
    // A key whose last record goes one at a time (perhaps retrying) stays one at a time; the others
    // join this batch, after the batch that last carried them.
    const batchable = new Set(
      [...byKey.keys()].filter((key) => !this.tails.has(key) || this.batchOf.has(key)),
    );
    const together = records.filter((record) => batchable.has(record.key));
    const batch =
      this.steps.applyBatch && together.length > 0
        ? this.runBatch(
            together,
            [...batchable].map((key) => this.batchOf.get(key)),
          )
        : undefined;
    for (const [key, items] of byKey) {
      const before = this.tails.get(key) ?? Promise.resolve();
      const one = () => this.applyInOrder(items);
      const tail =
        batch && batchable.has(key)
          ? batch.then((outcome) =>
              outcome.applied && !outcome.excluded.has(key) ? this.finish(items) : before.then(one),
            )
          : before.then(one);
      this.tails.set(key, tail);
      if (batch && batchable.has(key)) this.batchOf.set(key, batch);
      else this.batchOf.delete(key);
      tail
        .finally(() => {
          if (this.tails.get(key) !== tail) return;
          this.tails.delete(key);
          this.batchOf.delete(key);
        })
        .catch(() => {});
    }
  }

  /** Waits for the batches that carried these keys before; keys whose batch failed are left out. */
  private async runBatch(
    records: readonly InboundRecord[],
    before: readonly (Promise<BatchOutcome> | undefined)[],
  ): Promise<BatchOutcome> {
    const excluded = new Set<string>();
    for (const outcome of await Promise.all(before)) {
      if (outcome && !outcome.applied) for (const key of outcome.keys) excluded.add(key);
      if (outcome) for (const key of outcome.excluded) excluded.add(key);
    }
    const included = records.filter((record) => !excluded.has(record.key));
    const keys = new Set(included.map((record) => record.key));
    const apply = this.steps.applyBatch as NonNullable<PipelineSteps['applyBatch']>;
    let advancedTo: bigint | undefined;
    const { commitIn } = this.steps;
    const first = included[0];
    const advance: AdvanceOffset | undefined =
      commitIn && first
        ? {
            commitIn,
            target: () => {
              advancedTo = undefined;
              const next = this.prefixWith(included);
              return next !== undefined && next > this.committed
                ? { topic: first.topic, partition: first.partition, next }
                : undefined;
            },
            written: (next) => {
              advancedTo = next;
            },
          }
        : undefined;
    const applied = included.length === 0 || (await apply(included, advance));
    // Committed with the batch: the commit loop has nothing left to write for it.
    if (applied && advancedTo !== undefined && advancedTo > this.committed) this.committed = advancedTo;
    return { applied, keys, excluded };
  }

  /** The offset after the finished prefix once these records are finished too, if they extend it. */
  private prefixWith(records: readonly InboundRecord[]): bigint | undefined {
    const finishing = new Set(records.map((record) => BigInt(record.offset)));
    let next: bigint | undefined;
    for (const entry of this.pending) {
      if (!entry.done && !finishing.has(entry.offset)) break;
      next = entry.offset + 1n;
    }
    return next;
  }

  /** One key's records one at a time; a record not finished (the consumer stops) stops the key's chain. */
  private async applyInOrder(items: readonly { record: InboundRecord; entry: Pending }[]): Promise<void> {
    for (const item of items) {
      await this.steps.applyOne(item.record);
      this.finish([item]);
    }
  }

  private finish(items: readonly { entry: Pending }[]): void {
    for (const { entry } of items) entry.done = true;
    let next: bigint | undefined;
    while (this.pending[0]?.done) next = (this.pending.shift() as Pending).offset + 1n;
    if (next === undefined) return;
    this.room.wake();
    this.target = next;
    this.committing ??= this.commitUntilCurrent().finally(() => {
      this.committing = undefined;
    });
  }

  /** Commits the latest finished offset, retrying failures with a growing pause; never rejects. */
  private async commitUntilCurrent(): Promise<void> {
    let failures = 0;
    while (this.committed < this.target) {
      const next = this.target;
      try {
        await this.steps.commit(next);
        if (next > this.committed) this.committed = next;
        failures = 0;
      } catch (error) {
        this.steps.onCommitError(error, next);
        failures++;
        if (this.released && failures >= RELEASED_COMMIT_TRIES) return;
        await this.stopper.sleep(Math.min(COMMIT_RETRY_MS.first * 2 ** failures, COMMIT_RETRY_MS.most));
        if (this.stopper.stopped && failures >= RELEASED_COMMIT_TRIES) return;
      }
    }
  }
}

interface BatchOutcome {
  readonly applied: boolean;
  /** Keys the batch carried. */
  readonly keys: ReadonlySet<string>;
  /** Keys left out because an earlier batch that carried them failed. */
  readonly excluded: ReadonlySet<string>;
}
