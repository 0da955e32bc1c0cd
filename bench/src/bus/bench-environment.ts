import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  applyMigrations,
  connectDatabase,
  type Database,
  dropDatabase,
  ensureDatabase,
  startEmbeddedPostgres,
} from '@suite/db';
import pg from 'pg';

export interface BenchEnvironment {
  readonly databaseUrl: string;
  readonly db: Database;
  readonly orgId: string;
  readonly brokers: string[];
  readonly sql: pg.Pool;
  close(): Promise<void>;
}

const kafkaDev = fileURLToPath(new URL('../../../bus/kafka/kafka-dev.mjs', import.meta.url));

/** Kafka from KAFKA_BROKERS or bus/kafka/kafka-dev.mjs; returns the brokers and whether it was started here. */
function kafka(): { brokers: string[]; startedHere: boolean } {
  if (process.env.KAFKA_BROKERS) return { brokers: process.env.KAFKA_BROKERS.split(','), startedHere: false };
  const run = spawnSync(process.execPath, [kafkaDev, '--detach'], { encoding: 'utf8', timeout: 240_000 });
  const brokers = /^KAFKA_BROKERS=(.+)$/m.exec(run.stdout)?.[1];
  if (run.status !== 0 || !brokers) throw new Error(`cannot start Kafka with ${kafkaDev}: ${run.stderr}`);
  return { brokers: brokers.split(','), startedHere: !/already running/.test(run.stderr) };
}

/**
 * A fresh migrated database on DATABASE_URL's server (or an embedded PostgreSQL) with one org and the
 * bench's state tables, and a Kafka broker (unless `kafka: false`).
 */
export async function benchEnvironment(options: { kafka?: boolean } = {}): Promise<BenchEnvironment> {
  const embeddedDir = process.env.DATABASE_URL
    ? undefined
    : mkdtempSync(path.join(tmpdir(), 'suite-bench-pg-'));
  const embedded = embeddedDir
    ? await startEmbeddedPostgres({ dataDir: path.join(embeddedDir, 'pg'), port: 0 })
    : undefined;
  const serverUrl = process.env.DATABASE_URL ?? (embedded?.url as string);
  const name = `suite_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await ensureDatabase(serverUrl, name);
  await applyMigrations(databaseUrl);
  const db = connectDatabase(databaseUrl);
  const sql = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  sql.on('error', () => {});
  await sql.query(`
    CREATE SCHEMA bench;
    CREATE TABLE bench.item (id text PRIMARY KEY, n int NOT NULL);
    CREATE TABLE bench.effect (event_id uuid PRIMARY KEY, item_id text NOT NULL, seq int NOT NULL,
      org_id uuid NOT NULL DEFAULT NULLIF(current_setting('app.org_id', true), '')::uuid,
      handled_at timestamptz NOT NULL DEFAULT clock_timestamp());
    GRANT USAGE ON SCHEMA bench TO suite_app, suite_system;
    GRANT ALL ON ALL TABLES IN SCHEMA bench TO suite_app, suite_system;`);
  const orgId = (await db.system.organization.create({ data: { slug: 'bench', name: 'Bench' } })).id;
  const { brokers, startedHere } = options.kafka === false ? { brokers: [], startedHere: false } : kafka();
  return {
    databaseUrl,
    db,
    orgId,
    brokers,
    sql,
    async close() {
      await sql.end();
      await db.close();
      await dropDatabase(serverUrl, name);
      await embedded?.stop();
      if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
      if (startedHere) spawnSync(process.execPath, [kafkaDev, '--stop']);
    },
  };
}
