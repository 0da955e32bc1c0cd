import type pg from 'pg';
import type { Logger } from 'pino';
import type { PgListener } from '../pg/pg-listener';
import { prepared } from '../pg/system-connection';
import { partitionFor } from './partitioner';
import { type PostgresLogTuning, startPostgresLogConsumer } from './postgres-log.consumer';
import type {
  ClaimedOutboxRows,
  ConsumeOptions,
  OutboundEvent,
  PartitionLag,
  Transport,
  TransportConsumer,
} from './transport';

export interface PostgresLogOptions {
  readonly pool: pg.Pool;
  readonly listener: PgListener;
  readonly log: Logger;
  /** Partitions of a topic created from now on. */
  readonly partitions: number;
  readonly tuning: PostgresLogTuning;
}

/**
 * Appends `input` (topic, partition, event_id, org_id, key, attributes, data, ord) in one statement:
 * reserve offsets per partition, append in input order, and one NOTIFY naming the partitions that
 * received rows (`topic/partition` separated by spaces), so only their readers wake. `source` is CTEs
 * that `input` reads (each followed by a comma).
 */
const append = (input: string, source = '') => `
WITH ${source}input AS (${input}), counts AS (
  SELECT topic, partition, count(*) AS n FROM input GROUP BY topic, partition
), reserved AS (
  UPDATE bus.log_partition lp SET next_offset = lp.next_offset + c.n
  FROM counts c WHERE lp.topic = c.topic AND lp.partition = c.partition
  RETURNING lp.topic, lp.partition, lp.next_offset - c.n AS first
), appended AS (
  INSERT INTO bus.log (topic, partition, "offset", event_id, org_id, key, attributes, data)
  SELECT i.topic, i.partition, r.first + row_number() OVER (PARTITION BY i.topic, i.partition ORDER BY i.ord) - 1,
         i.event_id, i.org_id, i.key, i.attributes, i.data
  FROM input i JOIN reserved r ON r.topic = i.topic AND r.partition = i.partition
  RETURNING topic, partition
)
SELECT pg_notify('bus_log', woken)::text
FROM (SELECT string_agg(DISTINCT topic || '/' || partition, ' ') AS woken FROM appended) w WHERE woken IS NOT NULL`;

const APPEND_EVENTS = append(`
  SELECT i.topic, i.partition, (i.event->>'id')::uuid AS event_id, (i.event->>'orgid')::uuid AS org_id, i.key,
         i.event - 'data' AS attributes, i.event->'data' AS data, i.ord
  FROM unnest($1::text[], $2::int[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS i(topic, partition, key, event, ord)`);

/**
 * The relay's rows moved inside the database: deleted from the outbox and appended to the log in one
 * statement, so their content never travels to the relay and back, nor is its JSON parsed again. The
 * outbox's attributes are the envelope without its data, as APPEND_EVENTS stores them.
 */
const APPEND_FROM_OUTBOX = prepared(
  'bus_log_append_from_outbox',
  append(
    `
  SELECT o.aggregatetype AS topic, i.partition, o.id AS event_id, o.org_id, o.aggregateid AS key,
         o.attributes, o.payload AS data, i.ord
  FROM unnest($1::bigint[], $2::int[]) WITH ORDINALITY AS i(seq, partition, ord)
  JOIN moved o ON o.seq = i.seq`,
    `moved AS (
  DELETE FROM bus.outbox WHERE seq = ANY($1::bigint[])
  RETURNING seq, id, org_id, aggregatetype, aggregateid, attributes, payload
), `,
  ),
);

/** The embedded transport: a log table partitioned by key hash, consumer groups with leases and offsets. */
export class PostgresLogTransport implements Transport {
  readonly kind = 'postgres';
  private readonly partitionCounts = new Map<string, number>();

  constructor(private readonly options: PostgresLogOptions) {}

  async ensureTopics(topics: readonly string[]): Promise<void> {
    const missing = topics.filter((topic) => !this.partitionCounts.has(topic));
    if (missing.length === 0) return;
    const { pool, partitions } = this.options;
    await pool.query(
      'INSERT INTO bus.topic (name, partitions) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING',
      [missing, partitions],
    );
    await pool.query(
      `INSERT INTO bus.log_partition (topic, partition)
       SELECT t.name, p FROM bus.topic t, generate_series(0, t.partitions - 1) p WHERE t.name = ANY($1)
       ON CONFLICT DO NOTHING`,
      [missing],
    );
    const { rows } = await pool.query<{ name: string; partitions: number }>(
      'SELECT name, partitions FROM bus.topic WHERE name = ANY($1)',
      [missing],
    );
    for (const row of rows) this.partitionCounts.set(row.name, row.partitions);
  }

  async publish(events: readonly OutboundEvent[], relayTx: pg.ClientBase): Promise<void> {
    await this.ensureTopics([...new Set(events.map((event) => event.topic))]);
    await relayTx.query(APPEND_EVENTS, [
      events.map((event) => event.topic),
      events.map((event) => partitionFor(event.key, this.partitionCounts.get(event.topic) as number)),
      events.map((event) => event.key),
      events.map((event) => event.event),
    ]);
  }

  async appendFromOutbox(claimed: ClaimedOutboxRows, relay: pg.ClientBase): Promise<void> {
    await this.ensureTopics([...new Set(claimed.topics)]);
    const partitions = claimed.keys.map((key, i) =>
      partitionFor(key, this.partitionCounts.get(claimed.topics[i] as string) as number),
    );
    await relay.query(APPEND_FROM_OUTBOX([claimed.seqs, partitions]));
  }

  consume(options: ConsumeOptions): Promise<TransportConsumer> {
    return startPostgresLogConsumer({ ...this.options, ...options });
  }

  async lag(group: string, topics: readonly string[]): Promise<PartitionLag[]> {
    const { rows } = await this.options.pool.query<{
      topic: string;
      partition: number;
      committed: string;
      end: string;
    }>(
      `SELECT gp.topic, gp.partition, gp.next_offset AS committed, lp.next_offset AS end
       FROM bus.group_partition gp JOIN bus.log_partition lp ON lp.topic = gp.topic AND lp.partition = gp.partition
       WHERE gp.group_name = $1 AND gp.topic = ANY($2) ORDER BY gp.topic, gp.partition`,
      [group, topics],
    );
    return rows.map((row) => {
      const committed = BigInt(row.committed);
      const end = BigInt(row.end);
      return { topic: row.topic, partition: row.partition, committed, end, lag: end - committed };
    });
  }

  async close(): Promise<void> {}
}
