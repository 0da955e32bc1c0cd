import type pg from 'pg';
import type { InboundRecord } from '../transport/transport';

export type DeadLetterReason = 'handler-failed' | 'invalid-payload' | 'invalid-envelope';

export interface DeadLetterInput {
  readonly group: string;
  readonly record: InboundRecord;
  readonly reason: DeadLetterReason;
  readonly error: string;
  readonly attempts: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);

/**
 * Stores the envelope exactly as received. A second dead-lettering of the same event by the same
 * group (a failed replay, a redelivery) updates the row: the error is the latest, attempts add up.
 */
export async function insertDeadLetter(pool: pg.Pool, input: DeadLetterInput): Promise<void> {
  const { record } = input;
  const envelope = record.envelope;
  const orgId = text(envelope.orgid);
  await pool.query(
    `INSERT INTO bus.dead_letter (group_name, event_id, org_id, type, topic, key, reason, error, attempts, envelope)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (group_name, event_id) DO UPDATE SET
       reason = EXCLUDED.reason, error = EXCLUDED.error, attempts = bus.dead_letter.attempts + EXCLUDED.attempts,
       dead_at = now(), replay_requested_at = NULL, replayed_at = NULL`,
    [
      input.group,
      text(envelope.id) ?? `${record.topic}/${record.partition}@${record.offset}`,
      orgId && UUID.test(orgId) ? orgId : null,
      text(envelope.type) ?? 'unknown',
      record.topic,
      record.key,
      input.reason,
      input.error,
      input.attempts,
      JSON.stringify(envelope),
    ],
  );
}

export async function markReplayed(pool: pg.Pool, id: string): Promise<void> {
  await pool.query(
    'UPDATE bus.dead_letter SET replayed_at = now(), replay_requested_at = NULL WHERE id = $1',
    [id],
  );
}

export interface ReplayRequest {
  readonly id: string;
  readonly topic: string;
  readonly key: string;
  readonly envelope: Record<string, unknown>;
}

/** Takes the group's pending replay requests; a request taken by one instance is not seen by another. */
export async function claimReplays(pool: pg.Pool, group: string, limit: number): Promise<ReplayRequest[]> {
  const { rows } = await pool.query<ReplayRequest>(
    `UPDATE bus.dead_letter d SET replay_requested_at = NULL
     FROM (SELECT id FROM bus.dead_letter
           WHERE group_name = $1 AND replay_requested_at IS NOT NULL AND replayed_at IS NULL
           ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) claimed
     WHERE d.id = claimed.id
     RETURNING d.id::text, d.topic, d.key, d.envelope`,
    [group, limit],
  );
  return rows;
}
