import path from 'node:path';
import {
  applyMigrations,
  connectDatabase,
  type Database,
  ensureAppLogin,
  ensureDatabase,
  startEmbeddedPostgres,
} from '@suite/db';
import type { SuiteConfig } from './env';
import type { Logger } from './logger';

export interface OpenDatabase {
  readonly db: Database;
  readonly url: string;
  close(): Promise<void>;
}

/** The suite database's owner URL, and how to let go of it (stops the embedded server). */
export interface DatabaseServer {
  readonly url: string;
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'suite';

/** DATABASE_URL when given; otherwise a real PostgreSQL started from `DATA_DIR/pg`, kept across restarts. */
export async function databaseServer(
  config: SuiteConfig,
  log: Logger,
  signal?: AbortSignal,
): Promise<DatabaseServer> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => {} };
  const dataDir = path.resolve(config.DATA_DIR, 'pg');
  const pgLog = log.child({ component: 'embedded-postgres' });
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: config.EMBEDDED_PG_PORT,
    onLog: (message) => pgLog.debug(message.trim()),
  });
  try {
    signal?.throwIfAborted();
    const url = await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
    log.info(
      { dataDir, created: embedded.created, url: url.replace(/:[^:@/]*@/, ':***@') },
      'embedded PostgreSQL started',
    );
    return { url, stop: embedded.stop };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

/**
 * The database `suite start` uses, migrated unless MIGRATE_ON_START=false. The app pool logs in as
 * DATABASE_APP_URL, or else as `suite_app` made a login from DATABASE_URL (`ensureAppLogin`).
 */
export async function openDatabase(
  config: SuiteConfig,
  log: Logger,
  signal?: AbortSignal,
): Promise<OpenDatabase> {
  const server = await databaseServer(config, log, signal);
  try {
    signal?.throwIfAborted();
    if (config.MIGRATE_ON_START) {
      const applied = await applyMigrations(server.url);
      if (applied.length) log.info({ applied }, 'migrations applied');
    }
    const appUrl = config.DATABASE_APP_URL ?? (await ensureAppLogin(server.url));
    const db = connectDatabase(server.url, appUrl);
    return {
      db,
      url: server.url,
      async close() {
        await db.close();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
