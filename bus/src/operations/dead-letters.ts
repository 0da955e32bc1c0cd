import type pg from 'pg';
import { CONTROL_CHANNEL } from '../consumer/consumer-group.runtime';

export interface DeadLetterSummary {
  readonly id: string;
  readonly group: string;
  readonly eventId: string;
  readonly type: string;
  readonly key: string;
  readonly reason: string;
  readonly attempts: number;
  readonly deadAt: Date;
  readonly replayRequestedAt: Date | null;
  readonly replayedAt: Date | null;
  /** First line of the error. */
  readonly error: string;
}

export interface DeadLetter extends Omit<DeadLetterSummary, 'error'> {
  readonly orgId: string | null;
  readonly topic: string;
  readonly error: string;
  readonly envelope: Record<string, unknown>;
}

export interface DeadLetterFilter {
  readonly group?: string;
  readonly type?: string;
  /** Also those already replayed. */
  readonly includeReplayed?: boolean;
  /** Only one org's (staff see their org's dead letters, operators every org's). */
  readonly orgId?: string;
}

const COLUMNS = `id::text, group_name AS "group", event_id AS "eventId", type, key, reason, attempts,
  dead_at AS "deadAt", replay_requested_at AS "replayRequestedAt", replayed_at AS "replayedAt"`;

export async function listDeadLetters(
  pool: pg.Pool,
  filter: DeadLetterFilter = {},
): Promise<DeadLetterSummary[]> {
  const { rows } = await pool.query<DeadLetterSummary>(
    `SELECT ${COLUMNS}, split_part(error, E'\\n', 1) AS error FROM bus.dead_letter
     WHERE ($1::text IS NULL OR group_name = $1) AND ($2::text IS NULL OR type = $2)
       AND ($3 OR replayed_at IS NULL) AND ($4::uuid IS NULL OR org_id = $4)
     ORDER BY id`,
    [filter.group ?? null, filter.type ?? null, filter.includeReplayed ?? false, filter.orgId ?? null],
  );
  return rows;
}

export async function showDeadLetter(pool: pg.Pool, id: string): Promise<DeadLetter | undefined> {
  const { rows } = await pool.query<DeadLetter>(
    `SELECT ${COLUMNS}, org_id AS "orgId", topic, error, envelope FROM bus.dead_letter WHERE id = $1`,
    [id],
  );
  return rows[0];
}

/** One dead letter by id, or every one not yet replayed of a group and/or a type. */
export type ReplaySelection = { readonly id: string } | { readonly group?: string; readonly type?: string };

/**
 * Asks the running consumers of each dead letter's group to apply it again with the envelope as it
 * was received; returns the ids queued. Replay goes to that group only, never to other groups.
 */
export async function requestReplay(pool: pg.Pool, selection: ReplaySelection): Promise<string[]> {
  const byId = 'id' in selection;
  const { rows } = await pool.query<{ id: string; group: string }>(
    `WITH queued AS (
       UPDATE bus.dead_letter SET replay_requested_at = now()
       WHERE replayed_at IS NULL AND ${
         byId
           ? 'id = $1::bigint'
           : '($1::text IS NULL OR group_name = $1) AND ($2::text IS NULL OR type = $2)'
       }
       RETURNING id, group_name
     )
     SELECT id::text, group_name AS "group", pg_notify('${CONTROL_CHANNEL}', group_name)::text AS woke
     FROM queued ORDER BY id`,
    byId ? [selection.id] : [selection.group ?? null, selection.type ?? null],
  );
  return rows.map((row) => row.id);
}
