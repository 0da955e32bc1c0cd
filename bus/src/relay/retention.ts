import type pg from 'pg';
import type { TransportKind } from '../transport/transport';

const CHUNK = 5000;

async function deleteInChunks(client: pg.ClientBase, sql: string, cutoff: Date): Promise<void> {
  for (;;) {
    const { rowCount } = await client.query(sql, [cutoff, CHUNK]);
    if ((rowCount ?? 0) < CHUNK) return;
  }
}

/**
 * Deletes what is older than the retention window: PostgreSQL log entries and inbox rows (a redelivery
 * older than the window cannot happen once the log has dropped the event). Outbox rows are deleted as
 * they are published.
 */
export async function pruneExpired(
  client: pg.ClientBase,
  retentionMs: number,
  kind: TransportKind,
): Promise<void> {
  const cutoff = new Date(Date.now() - retentionMs);
  if (kind === 'postgres') {
    await deleteInChunks(
      client,
      `DELETE FROM bus.log WHERE (topic, partition, "offset") IN (
         SELECT topic, partition, "offset" FROM bus.log WHERE appended_at < $1 LIMIT $2)`,
      cutoff,
    );
  }
  await deleteInChunks(
    client,
    `DELETE FROM bus.inbox WHERE (group_name, event_id) IN (
       SELECT group_name, event_id FROM bus.inbox WHERE processed_at < $1 LIMIT $2)`,
    cutoff,
  );
}
