import path from 'node:path';
import { validateMigrationName } from './migration-name';
import { MIGRATION_SCRIPT, MIGRATIONS_DIR, type MigrationDirs } from './migration-paths';
import { migrationNames, nextMigrationId, writeMigration } from './migrations-directory';
import { pendingSchemaChange } from './schema-drift';
import { writeSnapshot } from './schema-snapshot';

export interface CreateMigrationOptions extends MigrationDirs {
  /** snake_case, e.g. `add_crm_deal`. */
  name: string;
  /** Clock for the migration id (UTC, like Prisma). */
  now?: Date;
}

export interface CreatedMigration {
  /** Directory name, `<YYYYMMDDHHMMSS>_<name>`, which is also the name recorded in `_prisma_migrations`. */
  name: string;
  /** Absolute path of the new migration directory. */
  dir: string;
  /** Path of its migration.sql. */
  file: string;
  sql: string;
}

/**
 * Writes the next migration from the schema change since the last one, and makes the current schema
 * the snapshot.
 * Returns null, writing nothing, when the schema files have not changed.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreatedMigration | null> {
  const name = validateMigrationName(options.name);
  const migrationsDir = path.resolve(options.migrationsDir ?? MIGRATIONS_DIR);
  const { sql, schema } = await pendingSchemaChange(options);
  if (sql === '') return null;
  const dirName = `${nextMigrationId(await migrationNames(migrationsDir), options.now)}_${name}`;
  const dir = await writeMigration(migrationsDir, dirName, sql);
  await writeSnapshot(migrationsDir, dirName, schema);
  return { name: dirName, dir, file: path.join(dir, MIGRATION_SCRIPT), sql };
}
