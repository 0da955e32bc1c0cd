import type pg from 'pg';
import type { Logger } from 'pino';
import type { BusMetrics } from '../metrics/bus.metrics';
import { prepared, systemClient } from '../pg/system-connection';
import { Wakeup } from '../pg/wakeup';
import type { OutboundEvent, Transport } from '../transport/transport';
import { pruneExpired } from './retention';

/** Session advisory lock held by the active relay; standbys poll for it. */
export const RELAY_LOCK = [0x62757302, 0] as const;

export interface RelayOptions {
  readonly databaseUrl: string;
  readonly transport: Transport;
  readonly log: Logger;
  readonly metrics?: BusMetrics;
  /** Outbox rows moved per transaction. */
  readonly batchSize: number;
  /** Pause after a batch that was not full, while rows keep coming. */
  readonly pollMs: number;
  /** Longest pause while the outbox stays empty (the pause doubles up to it). */
  readonly idlePollMs: number;
  /** How often a standby tries to take over. */
  readonly standbyPollMs: number;
  readonly retentionMs: number;
  readonly pruneEveryMs: number;
}

export type RelayState = 'starting' | 'standby' | 'active' | 'stopped';

/**
 * The oldest rows: a row of a transaction that committed late has a lower seq and goes next. No row
 * locks: only the relay holding RELAY_LOCK deletes outbox rows.
 */
const claim = (columns: string) => `SELECT ${columns} FROM bus.outbox ORDER BY seq LIMIT $1`;
const CLAIM_ANY = prepared('bus_relay_claim_any', claim('seq'));
const CLAIM_KEYS = prepared('bus_relay_claim_keys', claim('seq, aggregatetype, aggregateid'));
// ANY(ARRAY(…)) deletes the claimed rows through the seq index; a join with the claim may be planned as
// a scan of the whole outbox.
const CLAIM_AND_DELETE = prepared(
  'bus_relay_claim_and_delete',
  `WITH sent AS (
     DELETE FROM bus.outbox WHERE seq = ANY(ARRAY(${claim('seq')}))
     RETURNING seq, aggregatetype, aggregateid, (attributes || jsonb_build_object('data', payload))::text AS event)
   SELECT aggregatetype, aggregateid, event FROM sent ORDER BY seq`,
);

interface ClaimedRow {
  seq: string;
  aggregatetype: string;
  aggregateid: string;
}

interface OutboxRow {
  aggregatetype: string;
  aggregateid: string;
  /** The envelope as CloudEvents JSON text, rendered by PostgreSQL. */
  event: string;
}

/**
 * Moves committed outbox rows to the transport. Claim-and-delete: every row still in the outbox is a
 * candidate whatever its seq, so a transaction that commits late is picked up on the next pass rather
 * than skipped (docs/decisions/0004-bus-relay.md); a batch's rows are deleted in the transaction that
 * hands them over, which commits only once the transport has them (0160). One relay is active at a
 * time: the lock and every batch transaction share one connection, so a relay that lost it can do nothing.
 */
export class Relay {
  private stopped = false;
  private readonly wakeup = new Wakeup();
  private running: Promise<void> | undefined;
  private stateValue: RelayState = 'starting';

  constructor(private readonly options: RelayOptions) {}

  get state(): RelayState {
    return this.stateValue;
  }

  start(): this {
    this.running ??= this.run();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeup.wake();
    await this.running;
    this.stateValue = 'stopped';
  }

  private async run(): Promise<void> {
    const { log } = this.options;
    while (!this.stopped) {
      const client = systemClient(this.options.databaseUrl, 'suite-bus-relay');
      client.on('error', (error) => log.warn({ err: error }, 'relay connection error'));
      try {
        await client.connect();
        if (await this.becomeActive(client)) await this.relayUntilStopped(client);
      } catch (error) {
        if (!this.stopped) log.error({ err: error }, 'relay failed; restarting');
        await this.wakeup.wait(this.options.standbyPollMs);
      } finally {
        // Ending the session releases the advisory lock, so a standby takes over.
        await client.end().catch(() => {});
      }
    }
  }

  private async becomeActive(client: pg.Client): Promise<boolean> {
    while (!this.stopped) {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, $2) AS locked',
        [...RELAY_LOCK],
      );
      if (rows[0]?.locked) return true;
      if (this.stateValue !== 'standby') this.options.log.info('relay standing by: another relay is active');
      this.stateValue = 'standby';
      await this.wakeup.wait(this.options.standbyPollMs);
    }
    return false;
  }

  /**
   * Polls rather than waiting for a NOTIFY per publish: a NOTIFY takes PostgreSQL's global notify lock
   * through the commit, which serialises every committing transaction on the server. A full batch is
   * followed at once, a partial one after `pollMs`; an empty outbox is polled less often, up to
   * `idlePollMs`, which bounds what an event published after a quiet spell waits. While it stays empty
   * each poll is one statement, not a transaction.
   */
  private async relayUntilStopped(client: pg.Client): Promise<void> {
    const { batchSize, pollMs, idlePollMs, pruneEveryMs, log } = this.options;
    this.stateValue = 'active';
    log.info({ transport: this.options.transport.kind }, 'relay active');
    let prunedAt = 0;
    let pause = pollMs;
    let idle = false;
    while (!this.stopped) {
      const moved: number = idle && !(await this.hasUnpublished(client)) ? 0 : await this.relayBatch(client);
      if (Date.now() - prunedAt >= pruneEveryMs) {
        await pruneExpired(client, this.options.retentionMs, this.options.transport.kind);
        prunedAt = Date.now();
      }
      idle = moved === 0;
      if (moved >= batchSize) continue;
      pause = moved > 0 ? pollMs : Math.min(pause * 2, idlePollMs);
      await this.wakeup.wait(pause);
    }
  }

  /** Reads the seq index, as the claim does: a table scan visits every row deleted since the last vacuum. */
  private async hasUnpublished(client: pg.Client): Promise<boolean> {
    const { rowCount } = await client.query(CLAIM_ANY([1]));
    return (rowCount ?? 0) > 0;
  }

  /**
   * Moves the oldest rows. Kafka: one transaction that commits only once the broker has them. The
   * PostgreSQL log: a read, then one statement that deletes and appends, atomic by itself, so neither
   * needs BEGIN and COMMIT round trips (only this relay deletes outbox rows, so what it read stays).
   */
  private async relayBatch(client: pg.Client): Promise<number> {
    const { transport } = this.options;
    const topics = transport.appendFromOutbox
      ? await this.appendInPlace(client, transport.appendFromOutbox.bind(transport))
      : await this.inTransaction(client, () => this.send(client));
    for (const topic of topics) this.options.metrics?.published.inc({ topic });
    return topics.length;
  }

  private async inTransaction<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
    await client.query('BEGIN');
    try {
      const done = await work();
      await client.query('COMMIT');
      return done;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  /**
   * Rows claimed, deleted and returned by one statement (Kafka), in seq order. PostgreSQL renders each
   * event's JSON from its jsonb columns: the relay neither parses nor serialises it. The deletes commit
   * only once the transport acknowledged the send; a failed send rolls them back.
   */
  private async send(client: pg.Client): Promise<string[]> {
    const { rows } = await client.query<OutboxRow>(CLAIM_AND_DELETE([this.options.batchSize]));
    if (rows.length === 0) return [];
    const events: OutboundEvent[] = rows.map((row) => ({
      topic: row.aggregatetype,
      key: row.aggregateid,
      event: row.event,
    }));
    await this.options.transport.publish(events, client);
    return events.map((event) => event.topic);
  }

  /** Rows claimed by seq and key only; the transport copies and deletes them in the database. */
  private async appendInPlace(
    client: pg.Client,
    append: NonNullable<Transport['appendFromOutbox']>,
  ): Promise<string[]> {
    const { rows } = await client.query<ClaimedRow>(CLAIM_KEYS([this.options.batchSize]));
    if (rows.length === 0) return [];
    const topics = rows.map((row) => row.aggregatetype);
    await append(
      { seqs: rows.map((row) => row.seq), topics, keys: rows.map((row) => row.aggregateid) },
      client,
    );
    return topics;
  }
}
