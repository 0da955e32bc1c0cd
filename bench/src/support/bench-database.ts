import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyMigrations,
  connectDatabase,
  type Database,
  dropDatabase,
  ensureDatabase,
  startEmbeddedPostgres,
} from '@suite/db';

/**
 * Runs `bench` on a fresh migrated database on DATABASE_URL's server (an embedded PostgreSQL without it),
 * dropped afterwards whatever happens.
 */
export async function withBenchDatabase(
  label: string,
  bench: (db: Database, url: string) => Promise<void>,
): Promise<void> {
  const pgDir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), `${label}-bench-pg-`));
  const embedded = pgDir
    ? await startEmbeddedPostgres({ dataDir: path.join(pgDir, 'pg'), port: 0 })
    : undefined;
  const serverUrl = process.env.DATABASE_URL ?? embedded?.url ?? '';
  const name = `suite_bench_${label}_${randomUUID().slice(0, 8)}`;
  const url = await ensureDatabase(serverUrl, name);
  await applyMigrations(url);
  const db = connectDatabase(url);
  try {
    await bench(db, url);
  } finally {
    await db.close();
    await dropDatabase(serverUrl, name);
    await embedded?.stop();
    if (pgDir) rmSync(pgDir, { recursive: true, force: true });
  }
}

/** Milliseconds `call` took. */
export async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - started) / 1e6;
}
