import type { TuningOverrides } from '../bus-options';

/** Short timings so the bus suites finish in seconds; production keeps DEFAULT_TUNING. */
export const TEST_TUNING = {
  relayPollMs: 10,
  relayIdlePollMs: 100,
  standbyPollMs: 100,
  controlPollMs: 200,
  pruneEveryMs: 60_000,
  handlerConcurrency: 4,
  // Several batches per partition, so a consumer killed mid-stream leaves some uncommitted.
  maxBatch: 20,
  // Batches linger a little, so the suites run that path; production applies at once by default.
  lingerMs: 5,
  retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 200 },
  log: { fetchSize: 100, pollMs: 200, leaseTtlMs: 1500, heartbeatMs: 250 },
  kafka: {
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
    rebalanceTimeoutMs: 6000,
    maxWaitTimeMs: 100,
    partitionsConsumedConcurrently: 4,
  },
} satisfies TuningOverrides;
