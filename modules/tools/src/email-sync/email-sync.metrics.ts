import { Counter, Gauge, Registry } from 'prom-client';

/** The email sync's metrics; the suite serves them on /metrics with its own. */
export const emailSyncRegistry = new Registry();

export const emailSyncMetrics = {
  pages: new Counter({
    name: 'm365_sync_pages_total',
    help: 'Graph delta pages synced and committed',
    registers: [emailSyncRegistry],
  }),
  messages: new Counter({
    name: 'm365_sync_messages_total',
    help: 'Messages read from Graph delta pages, by outcome (matched, unmatched, removed)',
    labelNames: ['outcome'] as const,
    registers: [emailSyncRegistry],
  }),
  throttled: new Counter({
    name: 'm365_sync_throttled_total',
    help: 'Graph answers of 429 or 503 waited out per mailbox (Retry-After)',
    labelNames: ['status'] as const,
    registers: [emailSyncRegistry],
  }),
  resyncs: new Counter({
    name: 'm365_sync_resyncs_total',
    help: 'Folders restarted from a fresh snapshot (410 Gone, SyncStateNotFound)',
    registers: [emailSyncRegistry],
  }),
  failures: new Counter({
    name: 'm365_sync_folder_failures_total',
    help: 'Folder runs that failed (the folder retries on the next slot)',
    registers: [emailSyncRegistry],
  }),
  lastRun: new Gauge({
    name: 'm365_sync_last_run_timestamp_seconds',
    help: 'When the delta sync last finished a run',
    registers: [emailSyncRegistry],
  }),
};
