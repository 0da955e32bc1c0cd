import { pino } from 'pino';
import { openDatabase } from './database';
import { loadProcessConfig, type SuiteConfig } from './env';
import { createLogger, type Logger } from './logger';

export interface CliDatabase {
  readonly config: SuiteConfig;
  readonly log: Logger;
  readonly database: Awaited<ReturnType<typeof openDatabase>>;
}

/**
 * The database as `suite start` finds it (DATABASE_URL or the embedded one), for an operator's command:
 * stdout carries the answer and logs go to stderr; the database is always closed after `fn`.
 */
export async function withCliDatabase(
  fn: (cli: CliDatabase) => Promise<void>,
  { migrate = false } = {},
): Promise<void> {
  const config = loadProcessConfig();
  const log = createLogger(config.LOG_LEVEL, pino.destination(2));
  // Only commands that write need the migrations (the schema engine takes seconds to load).
  const database = await openDatabase(
    { ...config, MIGRATE_ON_START: migrate && config.MIGRATE_ON_START },
    log,
  );
  try {
    await fn({ config, log, database });
  } finally {
    await database.close();
  }
}

export function print(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** A time as operators read it: ISO 8601 in UTC to the second, or a dash. */
export const time = (date: Date | null | undefined) =>
  date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '—';
