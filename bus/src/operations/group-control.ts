import type pg from 'pg';
import { CONTROL_CHANNEL } from '../consumer/consumer-group.runtime';

export class UnknownGroupError extends Error {
  constructor(group: string, known: string[]) {
    super(
      `no consumer group "${group}"; known groups: ${known.join(', ') || 'none yet'} (see suite bus status)`,
    );
    this.name = 'UnknownGroupError';
  }
}

/** Pauses or resumes every instance of a group: they stop fetching after their batch in flight. */
export async function setGroupPaused(pool: pg.Pool, group: string, paused: boolean): Promise<void> {
  const { rowCount } = await pool.query(
    `WITH changed AS (
       UPDATE bus.consumer_group SET paused = $2, paused_at = CASE WHEN $2 THEN now() END, updated_at = now()
       WHERE name = $1 RETURNING name
     )
     SELECT pg_notify('${CONTROL_CHANNEL}', name)::text FROM changed`,
    [group, paused],
  );
  if (rowCount === 0) {
    const { rows } = await pool.query<{ name: string }>('SELECT name FROM bus.consumer_group ORDER BY name');
    throw new UnknownGroupError(
      group,
      rows.map((row) => row.name),
    );
  }
}
