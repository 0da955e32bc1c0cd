import pg from 'pg';
import { MIGRATIONS_DIR } from './migration-paths';
import { migrationNames, readMigrationList } from './migrations-directory';
import { withSchemaEngine } from './schema-engine';

export interface ApplyMigrationsOptions {
  /** Progress messages, and the engine's warnings and errors. */
  log?: (message: string) => void;
  /** Defaults to the package's `prisma/migrations`. */
  migrationsDir?: string;
}

/** Engine log lines are JSON; pass on only what an operator should see. */
function engineLog(log: (message: string) => void) {
  return (line: string) => {
    try {
      const { level, fields } = JSON.parse(line) as { level?: string; fields?: { message?: string } };
      if (level === 'WARN' || level === 'ERROR')
        log(`schema engine ${level.toLowerCase()}: ${fields?.message ?? line}`);
    } catch {
      log(`schema engine: ${line}`);
    }
  };
}

/**
 * Applies the migrations on disk that `_prisma_migrations` does not list yet, in name order, and
 * records them there exactly as `prisma migrate deploy` would. Returns the names applied.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const log = options.log ?? (() => {});
  const migrationsList = await readMigrationList(options.migrationsDir ?? MIGRATIONS_DIR);
  const { appliedMigrationNames } = await withSchemaEngine({ databaseUrl, log: engineLog(log) }, (engine) =>
    engine.applyMigrations({ migrationsList, filters: { externalTables: [], externalEnums: [] } }),
  ).catch((error: Error) => {
    throw new Error(
      `Applying migrations from ${migrationsList.baseDir} failed: ${error.message}\n` +
        'Each migration runs as one transaction, so a failed one left no changes behind: fix its migration.sql, mark it ' +
        'rolled back (UPDATE _prisma_migrations SET rolled_back_at = now() WHERE finished_at IS NULL), and run again.',
      { cause: error },
    );
  });
  log(
    appliedMigrationNames.length === 0
      ? 'database schema is up to date'
      : `applied ${appliedMigrationNames.length} migration(s): ${appliedMigrationNames.join(', ')}`,
  );
  return appliedMigrationNames;
}

const UNDEFINED_TABLE = '42P01';

/** Migrations on disk not yet finished in `_prisma_migrations` (all of them on a fresh database). */
export async function pendingMigrations(
  databaseUrl: string,
  options: Pick<ApplyMigrationsOptions, 'migrationsDir'> = {},
): Promise<string[]> {
  const onDisk = await migrationNames(options.migrationsDir ?? MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client
      .query<{ migration_name: string }>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )
      .catch((error: { code?: string }) => {
        if (error.code === UNDEFINED_TABLE) return { rows: [] };
        throw error;
      });
    const applied = new Set(rows.map((row) => row.migration_name));
    return onDisk.filter((name) => !applied.has(name));
  } finally {
    await client.end();
  }
}
