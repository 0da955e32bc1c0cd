import {
  type Bus,
  type BusOperations,
  connectBusOperations,
  createBus,
  createPublisher,
  type EventEnvelope,
  type Subscription,
  type TuningOverrides,
} from '@suite/bus';
import { TEST_TUNING, type TestEvents, testEvents } from '@suite/bus/testing';
import { forOrg, type OrgTransaction } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { pino } from 'pino';
import { inject } from 'vitest';
import { recordingSubscription } from './recording.subscription';

export type TransportName = 'postgres' | 'kafka';

export interface AppliedRow {
  n: number;
  event_id: string;
  item_id: string;
  seq: number;
  handled_by: string;
  /** The transaction that applied it. */
  tx: string;
}

export const silentLog = pino({ level: process.env.BUS_TEST_LOG ?? 'silent' });

/** Where a handler writes its effect; tests read it back to count applications. */
const EFFECTS_SQL = `
CREATE SCHEMA bus_test;
CREATE TABLE bus_test.applied (
  n bigserial PRIMARY KEY, event_id uuid NOT NULL, item_id text NOT NULL, seq int NOT NULL, handled_by text NOT NULL,
  org_id uuid NOT NULL DEFAULT NULLIF(current_setting('app.org_id', true), '')::uuid,
  tx bigint NOT NULL DEFAULT txid_current());
CREATE TABLE bus_test.counter (item_id text PRIMARY KEY, n int NOT NULL);
GRANT USAGE ON SCHEMA bus_test TO suite_app, suite_system;
GRANT ALL ON ALL TABLES IN SCHEMA bus_test TO suite_app, suite_system;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA bus_test TO suite_app, suite_system;`;

export interface BusFixture {
  readonly transport: TransportName;
  readonly database: TestDatabase;
  readonly orgId: string;
  readonly events: TestEvents;
  readonly kafkaBrokers: string[] | undefined;
  /** A superuser connection for assertions. */
  readonly sql: pg.Pool;
  createBus(tuning?: TuningOverrides): Bus;
  /** Publishes the item's next change in its own transaction (state change + outbox); returns the event id. */
  publish(itemId: string): Promise<string>;
  /** The same inside the caller's transaction: bumps the item's counter, publishes it as `seq`. */
  publishIn(tx: OrgTransaction, itemId: string): Promise<string>;
  /** The envelope `publish` wrote to the outbox for this event id (the relay deletes the row once sent). */
  published(eventId: string): EventEnvelope;
  /**
   * Writes to the outbox what a producer outside this SDK might: an item change with this id, key and
   * data, its other attributes those of `like` (an envelope `publish` wrote); nothing is checked.
   */
  writeForeign(like: EventEnvelope, event: { id: string; key: string; data: unknown }): Promise<void>;
  /** A subscription that records each application in bus_test.applied. */
  recorder(name: string, handledBy?: string, before?: (itemId: string) => Promise<void>): Subscription;
  applied(): Promise<AppliedRow[]>;
  /** Operator commands, as `suite bus` runs them. */
  readonly ops: BusOperations;
  /** Environment for a bus child process on this database and transport. */
  readonly childEnv: Record<string, string>;
  /** Moves a stopped group's committed offsets back to the start, so everything is delivered again. */
  rewind(group: string): Promise<void>;
  close(): Promise<void>;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Fault tests bring a PostgreSQL or a broker of their own, which they may stop. */
export interface OwnServers {
  readonly database?: TestDatabase;
  readonly kafkaBrokers?: string[];
}

/** A test database on the shared server and the shared broker, unless the test brings its own. */
export async function busFixture(
  transport: TransportName,
  partitions = 4,
  own: OwnServers = {},
): Promise<BusFixture> {
  const kafkaBrokers =
    transport === 'kafka' ? (own.kafkaBrokers ?? inject('kafkaBrokers').split(',')) : undefined;
  if (kafkaBrokers && !kafkaBrokers[0]) throw new Error(`no Kafka broker: ${inject('kafkaProblem')}`);
  const database = own.database ?? (await createTestDatabase());
  const sql = new pg.Pool({ connectionString: database.url, max: 3 });
  sql.on('error', () => {}); // dropping the database at the end ends its connections
  await sql.query(EFFECTS_SQL);
  const org = await database.db.system.organization.create({ data: { slug: 'bus-test', name: 'Bus test' } });
  const events = testEvents();
  const publishEvent = createPublisher(events.catalog);
  const buses: Bus[] = [];
  const envelopes = new Map<string, EventEnvelope>();
  const ops = connectBusOperations({ databaseUrl: database.url, kafkaBrokers, partitions, log: silentLog });
  const fixture: BusFixture = {
    ops,
    childEnv: { DATABASE_URL: database.url, KAFKA_BROKERS: kafkaBrokers?.join(',') ?? '' },
    async rewind(group) {
      if (!kafkaBrokers) {
        await sql.query('UPDATE bus.group_partition SET next_offset = 0 WHERE group_name = $1', [group]);
        return;
      }
      await withKafkaAdmin(kafkaBrokers, (admin) =>
        admin.resetOffsets({ groupId: group, topic: events.topic, earliest: true }),
      );
    },
    transport,
    database,
    orgId: org.id,
    events,
    kafkaBrokers,
    sql,
    createBus(tuning = {}) {
      const bus = createBus({
        db: database.db,
        databaseUrl: database.url,
        kafkaBrokers,
        partitions,
        log: silentLog,
        tuning: { ...TEST_TUNING, ...tuning },
      });
      buses.push(bus);
      return bus;
    },
    async publishIn(tx, itemId) {
      const [{ n }] = await tx.$queryRaw<[{ n: number }]>`
        INSERT INTO bus_test.counter (item_id, n) VALUES (${itemId}, 1)
        ON CONFLICT (item_id) DO UPDATE SET n = bus_test.counter.n + 1 RETURNING n`;
      const envelope = await publishEvent(tx, { type: events.itemChanged.type, data: { itemId, seq: n } });
      envelopes.set(envelope.id, envelope);
      return envelope.id;
    },
    published(eventId) {
      const envelope = envelopes.get(eventId);
      if (!envelope) throw new Error(`bus fixture: no event ${eventId} was published through it`);
      return envelope;
    },
    async writeForeign({ data: _, ...attributes }, { id, key, data }) {
      await sql.query(
        `INSERT INTO bus.outbox (id, org_id, aggregatetype, aggregateid, type, payload, attributes)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          org.id,
          events.topic,
          key,
          events.itemChanged.type,
          JSON.stringify(data),
          JSON.stringify({ ...attributes, id, subject: key, partitionkey: key }),
        ],
      );
    },
    publish(itemId) {
      return forOrg(database.db.app, org.id).transaction((tx) => fixture.publishIn(tx, itemId));
    },
    recorder(name, handledBy = 'test', before) {
      return recordingSubscription(events, name, handledBy, before);
    },
    async applied() {
      const { rows } = await sql.query<AppliedRow>(
        'SELECT n::int, event_id, item_id, seq, handled_by, tx::text FROM bus_test.applied ORDER BY n',
      );
      return rows;
    },
    async close() {
      await Promise.all(buses.map((bus) => bus.close()));
      await ops.close();
      await sql.end();
      await database.drop();
      if (kafkaBrokers) await deleteTopics(kafkaBrokers, events.producer);
    },
  };
  return fixture;
}

async function withKafkaAdmin<T>(brokers: string[], fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

function deleteTopics(brokers: string[], producer: string): Promise<void> {
  return withKafkaAdmin(brokers, async (admin) => {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${producer}.`));
    if (topics.length) await admin.deleteTopics({ topics });
  });
}
