import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { PgListener } from '../pg/pg-listener';
import { prepared } from '../pg/system-connection';
import { Wakeup } from '../pg/wakeup';
import type { CommitInFn, ConsumeOptions, InboundRecord, TransportConsumer } from './transport';

export interface PostgresLogTuning {
  /** Records fetched per partition batch. */
  readonly fetchSize: number;
  /** Polling fallback when no NOTIFY arrives. */
  readonly pollMs: number;
  /** A member's partitions go to the others when it has not renewed them for this long. */
  readonly leaseTtlMs: number;
  /** How often a member renews leases and rebalances. */
  readonly heartbeatMs: number;
}

interface ConsumerOptions extends ConsumeOptions {
  readonly pool: pg.Pool;
  readonly listener: PgListener;
  readonly log: Logger;
  readonly tuning: PostgresLogTuning;
}

interface LeasedPartition {
  topic: string;
  partition: number;
  next_offset: string;
}

interface LogRow {
  offset: string;
  key: string;
  attributes: Record<string, unknown>;
  data: unknown;
}

interface FetchAsk {
  readonly topic: string;
  readonly partition: number;
  readonly position: bigint;
  resolve(rows: LogRow[]): void;
  reject(error: unknown): void;
}

const partitionId = (topic: string, partition: number) => `${topic}/${partition}`;

/** The next rows of each partition asked, from its position, in one statement. */
const FETCH = prepared(
  'bus_log_fetch',
  `SELECT a.asked, l."offset", l.key, l.attributes, l.data
   FROM unnest($1::text[], $2::int[], $3::bigint[]) WITH ORDINALITY AS a(topic, partition, position, asked)
   CROSS JOIN LATERAL (
     SELECT "offset", key, attributes, data FROM bus.log
     WHERE topic = a.topic AND partition = a.partition AND "offset" >= a.position ORDER BY "offset" LIMIT $4
   ) l
   ORDER BY a.asked, l."offset"`,
);

const COMMIT_OFFSET = prepared(
  'bus_log_commit_offset',
  `UPDATE bus.group_partition SET next_offset = GREATEST(next_offset, $5)
   WHERE group_name = $1 AND topic = $2 AND partition = $3 AND owner = $4`,
);

/** Reads one leased partition from its committed offset until stopped or the lease is lost. */
class PartitionWorker {
  readonly wakeup = new Wakeup();
  private stopped = false;
  private readonly running: Promise<void>;

  constructor(
    private readonly member: PostgresLogConsumer,
    readonly topic: string,
    readonly partition: number,
    private position: bigint,
  ) {
    this.running = this.run();
  }

  /** Stops fetching and waits until the records handed over are settled and committed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeup.wake();
    await this.running;
    await this.member.options.release(this.topic, this.partition);
  }

  private async run(): Promise<void> {
    const { tuning, deliver, log } = this.member.options;
    const commit = async (next: bigint) => {
      if (!(await this.member.commit(this.topic, this.partition, next))) this.stopped = true;
    };
    while (!this.stopped) {
      if (this.member.paused) {
        await this.wakeup.wait(tuning.pollMs);
        continue;
      }
      try {
        const rows = await this.member.fetch(this.topic, this.partition, this.position);
        if (rows.length === 0) {
          await this.wakeup.wait(tuning.pollMs);
          continue;
        }
        const records: InboundRecord[] = rows.map((row) => ({
          topic: this.topic,
          partition: this.partition,
          offset: row.offset,
          key: row.key,
          // The row's own freshly parsed object, not a copy of it.
          envelope: Object.assign(row.attributes, { data: row.data }),
        }));
        await deliver(
          { topic: this.topic, partition: this.partition, records },
          commit,
          this.member.commitIn,
        );
        this.position = BigInt((rows.at(-1) as LogRow).offset) + 1n;
        // A partial read reached the end: the next rows come with a NOTIFY (kept if it came meanwhile),
        // so no second, empty read.
        if (rows.length < tuning.fetchSize) await this.wakeup.wait(tuning.pollMs);
      } catch (error) {
        if (this.stopped) return;
        log.warn(
          { err: error, topic: this.topic, partition: this.partition },
          'log partition fetch failed; retrying',
        );
        await this.wakeup.wait(tuning.pollMs);
      }
    }
  }
}

/**
 * A member of a consumer group on the PostgreSQL log. Partitions are shared through leases: each
 * member renews its own, gives back what exceeds its fair share, and takes free or expired ones.
 */
class PostgresLogConsumer implements TransportConsumer {
  readonly memberId = randomUUID();
  paused = false;
  private stopped = false;
  private readonly workers = new Map<string, PartitionWorker>();
  private readonly tick = new Wakeup();
  private loop: Promise<void> = Promise.resolve();
  private unlisten: () => void = () => {};
  private readonly asked: FetchAsk[] = [];

  constructor(readonly options: ConsumerOptions) {}

  async start(): Promise<this> {
    const { pool, group, topics, listener } = this.options;
    await pool.query(
      `INSERT INTO bus.group_partition (group_name, topic, partition)
       SELECT $1, t.name, p FROM bus.topic t, generate_series(0, t.partitions - 1) p WHERE t.name = ANY($2)
       ON CONFLICT DO NOTHING`,
      [group, topics],
    );
    // '' after the listener reconnected: anything may have arrived meanwhile.
    this.unlisten = await listener.listen('bus_log', (payload) => {
      if (payload === '') for (const worker of this.workers.values()) worker.wakeup.wake();
      else for (const id of payload.split(' ')) this.workers.get(id)?.wakeup.wake();
    });
    await this.rebalance();
    this.loop = this.run();
    return this;
  }

  /**
   * The next records of a partition from `position`. Partitions that ask in the same turn (a NOTIFY
   * wakes all that received rows) are read in one statement, so their batches also reach the handlers
   * together.
   */
  fetch(topic: string, partition: number, position: bigint): Promise<LogRow[]> {
    return new Promise((resolve, reject) => {
      this.asked.push({ topic, partition, position, resolve, reject });
      if (this.asked.length === 1) setImmediate(() => this.fetchAsked());
    });
  }

  private async fetchAsked(): Promise<void> {
    const asked = this.asked.splice(0);
    try {
      const { rows } = await this.options.pool.query<LogRow & { asked: string }>(
        FETCH([
          asked.map((a) => a.topic),
          asked.map((a) => a.partition),
          asked.map((a) => a.position.toString()),
          this.options.tuning.fetchSize,
        ]),
      );
      const byAsk = asked.map((): LogRow[] => []);
      for (const row of rows) byAsk[Number(row.asked) - 1]?.push(row);
      for (const [i, ask] of asked.entries()) ask.resolve(byAsk[i] as LogRow[]);
    } catch (error) {
      for (const ask of asked) ask.reject(error);
    }
  }

  async pause(): Promise<void> {
    this.paused = true;
  }

  async resume(): Promise<void> {
    this.paused = false;
    for (const worker of this.workers.values()) worker.wakeup.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unlisten();
    this.tick.wake();
    await this.loop;
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    this.workers.clear();
    const { pool, group } = this.options;
    await pool.query(
      'UPDATE bus.group_partition SET owner = NULL, lease_until = NULL WHERE group_name = $1 AND owner = $2',
      [group, this.memberId],
    );
    await pool.query('DELETE FROM bus.group_member WHERE group_name = $1 AND member_id = $2', [
      group,
      this.memberId,
    ]);
  }

  /**
   * Commits the next offset while this member still holds the lease; false when it lost it. Offsets
   * only move forward: a commit in the handler's transaction and one after it may cross.
   */
  async commit(topic: string, partition: number, next: bigint): Promise<boolean> {
    const { rowCount } = await this.options.pool.query(
      COMMIT_OFFSET([this.options.group, topic, partition, this.memberId, next.toString()]),
    );
    return rowCount === 1;
  }

  /**
   * The same in the handler's transaction (as the app role), so effects and offsets commit together:
   * several partitions in one statement, their rows locked in partition order as the lease renewal
   * locks them, a partition written twice taking the furthest offset.
   */
  readonly commitIn: CommitInFn = async (tx, writes) => {
    const taken = await tx.$queryRaw<{ topic: string; partition: number }[]>`
      WITH w AS (
        SELECT topic, partition, max(next) AS next
        FROM unnest(${writes.map((w) => w.topic)}::text[], ${writes.map((w) => w.partition)}::int[],
                    ${writes.map((w) => w.next.toString())}::bigint[]) AS w(topic, partition, next)
        GROUP BY topic, partition
      ), mine AS (
        SELECT gp.topic, gp.partition FROM bus.group_partition gp JOIN w USING (topic, partition)
        WHERE gp.group_name = ${this.options.group} AND gp.owner = ${this.memberId}
        ORDER BY gp.topic COLLATE "C", gp.partition FOR UPDATE OF gp
      )
      UPDATE bus.group_partition gp SET next_offset = GREATEST(gp.next_offset, w.next)
      FROM w JOIN mine USING (topic, partition)
      WHERE gp.group_name = ${this.options.group} AND gp.topic = w.topic AND gp.partition = w.partition
      RETURNING gp.topic, gp.partition`;
    const owned = new Set(taken.map((row) => partitionId(row.topic, row.partition)));
    return writes.map((w) => owned.has(partitionId(w.topic, w.partition)));
  };

  private async run(): Promise<void> {
    while (!this.stopped) {
      await this.tick.wait(this.options.tuning.heartbeatMs);
      if (this.stopped) return;
      await this.rebalance().catch((error: unknown) =>
        this.options.log.warn({ err: error, group: this.options.group }, 'log consumer rebalance failed'),
      );
    }
  }

  private async rebalance(): Promise<void> {
    const { pool, group, tuning } = this.options;
    const ttl = tuning.leaseTtlMs / 1000;
    const member = [group, this.memberId];
    await pool.query(
      `INSERT INTO bus.group_member (group_name, member_id, heartbeat_at) VALUES ($1, $2, now())
       ON CONFLICT (group_name, member_id) DO UPDATE SET heartbeat_at = now()`,
      member,
    );
    await pool.query(
      `DELETE FROM bus.group_member WHERE group_name = $1 AND heartbeat_at < now() - make_interval(secs => $2)`,
      [group, ttl],
    );
    // Locked in partition order, as shared handler transactions write offsets: no lock cycle with them.
    const renewed = await pool.query<LeasedPartition>(
      `UPDATE bus.group_partition gp SET lease_until = now() + make_interval(secs => $3)
       FROM (SELECT topic, partition FROM bus.group_partition WHERE group_name = $1 AND owner = $2
             ORDER BY topic COLLATE "C", partition FOR UPDATE) mine
       WHERE gp.group_name = $1 AND gp.topic = mine.topic AND gp.partition = mine.partition
       RETURNING gp.topic, gp.partition, gp.next_offset`,
      [...member, ttl],
    );
    const owned = new Map(renewed.rows.map((row) => [partitionId(row.topic, row.partition), row]));
    for (const [id, worker] of this.workers) {
      if (!owned.has(id)) {
        this.workers.delete(id);
        await worker.stop();
      }
    }
    const { rows } = await pool.query<{ members: number; partitions: number }>(
      `SELECT (SELECT count(*)::int FROM bus.group_member WHERE group_name = $1) AS members,
              (SELECT count(*)::int FROM bus.group_partition WHERE group_name = $1) AS partitions`,
      [group],
    );
    const { members = 1, partitions = 0 } = rows[0] ?? {};
    const share = Math.ceil(partitions / Math.max(members, 1));
    if (owned.size > share) {
      const excess = [...owned.keys()].slice(share);
      for (const id of excess) await this.giveBack(owned.get(id) as LeasedPartition);
      for (const id of excess) owned.delete(id);
    } else if (owned.size < share) {
      const claimed = await pool.query<LeasedPartition>(
        `UPDATE bus.group_partition gp SET owner = $2, lease_until = now() + make_interval(secs => $3)
         FROM (SELECT topic, partition FROM bus.group_partition
               WHERE group_name = $1 AND (owner IS NULL OR lease_until < now())
               ORDER BY partition, topic LIMIT $4 FOR UPDATE SKIP LOCKED) free
         WHERE gp.group_name = $1 AND gp.topic = free.topic AND gp.partition = free.partition
         RETURNING gp.topic, gp.partition, gp.next_offset`,
        [...member, ttl, share - owned.size],
      );
      for (const row of claimed.rows) owned.set(partitionId(row.topic, row.partition), row);
    }
    if (this.stopped) return;
    for (const [id, row] of owned) {
      if (!this.workers.has(id))
        this.workers.set(id, new PartitionWorker(this, row.topic, row.partition, BigInt(row.next_offset)));
    }
  }

  /** Gives a partition back after its batch in flight is committed, for a newer member to take. */
  private async giveBack({ topic, partition }: LeasedPartition): Promise<void> {
    const id = partitionId(topic, partition);
    await this.workers.get(id)?.stop();
    this.workers.delete(id);
    await this.options.pool.query(
      `UPDATE bus.group_partition SET owner = NULL, lease_until = NULL
       WHERE group_name = $1 AND topic = $2 AND partition = $3 AND owner = $4`,
      [this.options.group, topic, partition, this.memberId],
    );
  }
}

export function startPostgresLogConsumer(options: ConsumerOptions): Promise<TransportConsumer> {
  return new PostgresLogConsumer(options).start();
}
