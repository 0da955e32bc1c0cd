import type { Database } from '@suite/db';
import { PUBLISH_LOCK_CLASS } from '../outbox/outbox.publisher';

/**
 * Holds the publish lock of one key (`topic`, `key`) while `work` runs, as a transaction about to
 * publish on it would: publishers of that key wait at `publish` until `work` ends. Tests of ordering
 * between transactions use it to stop one deterministically after its reads.
 */
export async function withPublishLockHeld<T>(
  db: Database,
  event: { readonly topic: string; readonly key: string },
  work: () => Promise<T>,
): Promise<T> {
  return db.system.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PUBLISH_LOCK_CLASS}::int, hashtext(${`${event.topic} ${event.key}`}))`;
      return work();
    },
    { timeout: 120_000 },
  );
}
