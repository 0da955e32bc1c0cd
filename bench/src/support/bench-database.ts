import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SuiteModule } from '@suite/contracts';
import {
  applyMigrations,
  connectDatabase,
  type Database,
  dropDatabase,
  ensureDatabase,
  startEmbeddedPostgres,
} from '@suite/db';
import { createLogger, loadConfig, type RunningSuite, type SuiteConfig, startSuite } from '@suite/suite';

/**
 * Runs `bench` with the URL of a fresh database on DATABASE_URL's server (an embedded PostgreSQL without
 * it), dropped afterwards whatever happens.
 */
async function withFreshDatabase(label: string, bench: (url: string) => Promise<void>): Promise<void> {
  const pgDir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), `${label}-bench-pg-`));
  const embedded = pgDir
    ? await startEmbeddedPostgres({ dataDir: path.join(pgDir, 'pg'), port: 0 })
    : undefined;
  const serverUrl = process.env.DATABASE_URL ?? embedded?.url ?? '';
  const name = `suite_bench_${label}_${randomUUID().slice(0, 8)}`;
  try {
    await bench(await ensureDatabase(serverUrl, name));
  } finally {
    await dropDatabase(serverUrl, name);
    await embedded?.stop();
    if (pgDir) rmSync(pgDir, { recursive: true, force: true });
  }
}

/** Runs `bench` on a fresh migrated database (see `withFreshDatabase`), its pools closed afterwards. */
export function withBenchDatabase(
  label: string,
  bench: (db: Database, url: string) => Promise<void>,
): Promise<void> {
  return withFreshDatabase(label, async (url) => {
    await applyMigrations(url);
    const db = connectDatabase(url);
    try {
      await bench(db, url);
    } finally {
      await db.close();
    }
  });
}

/** Runs `bench` against a whole suite process (`modules`, else every module) on a fresh database. */
export function withBenchSuite(
  label: string,
  modules: readonly SuiteModule[] | undefined,
  bench: (suite: RunningSuite, config: SuiteConfig) => Promise<void>,
): Promise<void> {
  return withFreshDatabase(label, async (url) => {
    const config = loadConfig({ DATABASE_URL: url, PORT: '0', NODE_ENV: 'test' });
    const suite = await startSuite(config, createLogger('silent'), modules);
    try {
      await bench(suite, config);
    } finally {
      await suite.close();
    }
  });
}

/** Milliseconds `call` took. */
export async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - started) / 1e6;
}
