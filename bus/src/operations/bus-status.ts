import type pg from 'pg';
import { RELAY_LOCK } from '../relay/relay.service';
import type { PartitionLag, Transport } from '../transport/transport';

export interface GroupStatus {
  readonly group: string;
  readonly transport: string;
  readonly paused: boolean;
  readonly deadLetters: number;
  readonly partitions: PartitionLag[];
}

export interface BusStatus {
  readonly transport: string;
  readonly relay: {
    /** Whether a relay holds the lock, and the client address of the connection holding it. */
    readonly active: boolean;
    readonly holder: string | null;
    /** Committed outbox rows not yet published, and the age of the oldest in seconds. */
    readonly backlog: number;
    readonly oldestSeconds: number | null;
  };
  readonly groups: GroupStatus[];
}

/** Relay backlog and, per consumer group, pause state, dead letters and lag per partition. */
export async function busStatus(pool: pg.Pool, transport: Transport): Promise<BusStatus> {
  const relay = await pool.query<{ holder: string | null; backlog: number; oldest: number | null }>(
    `SELECT (SELECT coalesce(a.application_name || ' pid ' || a.pid, 'pid ' || l.pid)
             FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND l.granted AND l.classid::int = $1 AND l.objid::int = $2
               AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS holder,
            count(*)::int AS backlog,
            extract(epoch FROM now() - min(created_at))::float AS oldest
     FROM bus.outbox`,
    [...RELAY_LOCK],
  );
  const groups = await pool.query<{
    name: string;
    transport: string;
    paused: boolean;
    topics: string[];
    dead: number;
  }>(
    `SELECT g.name, g.transport, g.paused, g.topics,
            (SELECT count(*)::int FROM bus.dead_letter d WHERE d.group_name = g.name AND d.replayed_at IS NULL) AS dead
     FROM bus.consumer_group g ORDER BY g.name`,
  );
  const row = relay.rows[0];
  return {
    transport: transport.kind,
    relay: {
      active: Boolean(row?.holder),
      holder: row?.holder ?? null,
      backlog: row?.backlog ?? 0,
      oldestSeconds: row?.oldest ?? null,
    },
    groups: await Promise.all(
      groups.rows.map(async (group) => ({
        group: group.name,
        transport: group.transport,
        paused: group.paused,
        deadLetters: group.dead,
        partitions: group.transport === transport.kind ? await transport.lag(group.name, group.topics) : [],
      })),
    ),
  };
}
