import type { RetryPolicy } from './consumer/subscription';
import type { KafkaConsumerTuning } from './transport/kafka.consumer';
import type { PostgresLogTuning } from './transport/postgres-log.consumer';

/** Timings and sizes; the defaults suit production, tests shorten them. */
export interface BusTuning {
  readonly relayBatchSize: number;
  /** The relay's pause after a partial batch; a full batch is followed at once. */
  readonly relayPollMs: number;
  /** The relay's longest pause while the outbox is empty. */
  readonly relayIdlePollMs: number;
  /** How often a standby relay tries to take over. */
  readonly standbyPollMs: number;
  /** PostgreSQL log entries and inbox rows are kept this long (outbox rows go when published). */
  readonly retentionMs: number;
  readonly pruneEveryMs: number;
  /** Handler transactions at once in this process (kept below the app pool size). */
  readonly handlerConcurrency: number;
  /** Unfinished records per partition before fetching waits. */
  readonly maxInFlight: number;
  /**
   * Most records of a partition applied together in one tenant transaction (per org); 1 applies each
   * event in a transaction of its own. A failing batch is applied again one event at a time.
   */
  readonly maxBatch: number;
  /**
   * Longest a partition's records wait for more before a batch smaller than `maxBatch` is applied:
   * fewer transactions at moderate rates for that much latency. 0 applies what arrived at once.
   */
  readonly lingerMs: number;
  readonly handlerTimeoutMs: number;
  readonly controlPollMs: number;
  readonly retry: RetryPolicy;
  readonly log: PostgresLogTuning;
  readonly kafka: KafkaConsumerTuning;
}

export const DEFAULT_TUNING: BusTuning = {
  relayBatchSize: 2000,
  relayPollMs: 10,
  relayIdlePollMs: 25,
  standbyPollMs: 1000,
  retentionMs: 7 * 24 * 3600_000,
  pruneEveryMs: 60_000,
  handlerConcurrency: 8,
  maxInFlight: 1000,
  maxBatch: 500,
  lingerMs: 0,
  handlerTimeoutMs: 30_000,
  controlPollMs: 2000,
  retry: { attempts: 5, initialDelayMs: 500, maxDelayMs: 30_000 },
  log: { fetchSize: 500, pollMs: 1000, leaseTtlMs: 10_000, heartbeatMs: 1000 },
  kafka: {
    // A dead member's partitions move after the session; kafkajs' 30 s stalled restarts and take-overs.
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 1000,
    rebalanceTimeoutMs: 20_000,
    maxWaitTimeMs: 1000,
    partitionsConsumedConcurrently: 8,
  },
};

export type TuningOverrides = Partial<Omit<BusTuning, 'retry' | 'log' | 'kafka'>> & {
  readonly retry?: Partial<RetryPolicy>;
  readonly log?: Partial<PostgresLogTuning>;
  readonly kafka?: Partial<KafkaConsumerTuning>;
};

export function withDefaults(overrides: TuningOverrides = {}): BusTuning {
  return {
    ...DEFAULT_TUNING,
    ...overrides,
    retry: { ...DEFAULT_TUNING.retry, ...overrides.retry },
    log: { ...DEFAULT_TUNING.log, ...overrides.log },
    kafka: { ...DEFAULT_TUNING.kafka, ...overrides.kafka },
  };
}
