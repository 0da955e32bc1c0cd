import path from 'node:path';
import {
  applyMigrations,
  connectDatabase,
  type Database,
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

const EMBEDDED_DATABASE = 'suite';

/** DATABASE_URL when given; otherwise a real PostgreSQL started from `DATA_DIR/pg`, kept across restarts. */
export async function openDatabase(config: SuiteConfig, log: Logger): Promise<OpenDatabase> {
  let url = config.DATABASE_URL;
  let stopEmbedded = async () => {};
  if (!url) {
    const dataDir = path.resolve(config.DATA_DIR, 'pg');
    const pgLog = log.child({ component: 'embedded-postgres' });
    const embedded = await startEmbeddedPostgres({
      dataDir,
      port: config.EMBEDDED_PG_PORT,
      onLog: (message) => pgLog.debug(message.trim()),
    });
    stopEmbedded = embedded.stop;
    try {
      url = await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
    } catch (error) {
      await embedded.stop();
      throw error;
    }
    log.info(
      { dataDir, created: embedded.created, url: url.replace(/:[^:@/]*@/, ':***@') },
      'embedded PostgreSQL started',
    );
  }
  try {
    if (config.MIGRATE_ON_START) {
      const applied = await applyMigrations(url);
      if (applied.length) log.info({ applied }, 'migrations applied');
    }
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
  const db = connectDatabase(url);
  return {
    db,
    url,
    async close() {
      await db.close();
      await stopEmbedded();
    },
  };
}
