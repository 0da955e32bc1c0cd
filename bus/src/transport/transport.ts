import type { OrgTransaction } from '@suite/db';
import type pg from 'pg';

export type TransportKind = 'postgres' | 'kafka';

/** An outbox row on its way to the transport: the event as CloudEvents JSON text, as the outbox renders it. */
export interface OutboundEvent {
  readonly topic: string;
  /** The partition key (the envelope's `partitionkey`). */
  readonly key: string;
  /** The whole event, attributes and `data`, in the CloudEvents JSON format. */
  readonly event: string;
}

/** Outbox rows the relay claimed, in seq order, without their content. */
export interface ClaimedOutboxRows {
  readonly seqs: readonly string[];
  readonly topics: readonly string[];
  /** Partition keys (the outbox's aggregateid). */
  readonly keys: readonly string[];
}

/** One delivered record: the structured envelope, or why it could not be read. */
export interface InboundRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  /** The CloudEvents structured form, exactly as received (not yet validated). */
  readonly envelope: Record<string, unknown>;
  readonly decodeError?: string;
}

export interface InboundBatch {
  readonly topic: string;
  readonly partition: number;
  /** In offset order. */
  readonly records: readonly InboundRecord[];
}

/** Records the group finished: every offset below `next` of the batch's partition. */
export type CommitFn = (next: bigint) => Promise<void>;

/** A partition's offset to commit: every offset below `next` is finished. */
export interface OffsetWrite {
  readonly topic: string;
  readonly partition: number;
  readonly next: bigint;
}

/**
 * Commits offsets of several partitions inside the handler's database transaction, in one statement,
 * so they commit with the effects (a transport whose offsets live in that database). Per write: false
 * when this member no longer owns the partition.
 */
export type CommitInFn = (tx: OrgTransaction, writes: readonly OffsetWrite[]) => Promise<boolean[]>;

export interface ConsumeOptions {
  readonly group: string;
  readonly topics: readonly string[];
  /**
   * Hands over a partition's next records; resolves when the consumer can take more (backpressure).
   * The consumer calls `commit` as records finish, with the offset after the finished prefix, or
   * `commitIn` (when given, the same for every partition of the member) inside the transaction that
   * finishes them.
   */
  deliver(batch: InboundBatch, commit: CommitFn, commitIn?: CommitInFn): Promise<void>;
  /** The partition goes to another member or the consumer stops: resolves once its records in flight settle. */
  release(topic: string, partition: number): Promise<void>;
}

export interface TransportConsumer {
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Stops fetching, releases every partition (waiting for records in flight) and leaves the group. */
  stop(): Promise<void>;
}

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  /** Next offset the group will read. */
  readonly committed: bigint;
  /** Next offset the transport will assign. */
  readonly end: bigint;
  readonly lag: bigint;
}

/** The two transports (PostgreSQL log, Kafka) behind one contract; the transport contract tests run on both. */
export interface Transport {
  readonly kind: TransportKind;
  /** Creates missing topics with the configured partition count; existing topics keep theirs. */
  ensureTopics(topics: readonly string[]): Promise<void>;
  /**
   * Appends events in the given order. `relayTx` is the relay's open transaction on its fenced
   * connection: the PostgreSQL log appends inside it, so the log and the outbox commit together.
   */
  publish(events: readonly OutboundEvent[], relayTx: pg.ClientBase): Promise<void>;
  /**
   * When present, the relay claims rows without their content and this appends them from the outbox
   * on the relay's fenced connection, deleting them from the outbox in the same statement: a transport
   * in the outbox's own database.
   */
  appendFromOutbox?(claimed: ClaimedOutboxRows, relay: pg.ClientBase): Promise<void>;
  /** Joins the group on topics that `ensureTopics` created. */
  consume(options: ConsumeOptions): Promise<TransportConsumer>;
  lag(group: string, topics: readonly string[]): Promise<PartitionLag[]>;
  close(): Promise<void>;
}
