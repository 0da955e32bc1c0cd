import type { SchemaContainer } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { MIGRATIONS_DIR, type MigrationDirs, SCHEMA_DIR } from './migration-paths';
import { latestSnapshot } from './migrations-directory';
import { withSchemaEngine } from './schema-engine';
import { readSchemaFiles } from './schema-files';
import { rolesSql, tenancySql } from './tenancy-sql';

export interface PendingSchemaChange {
  /** What the next migration must contain: Prisma's diff plus the generated tenancy rules. */
  sql: string;
  /** The current schema files, which become the next migration's snapshot. */
  schema: SchemaContainer[];
}

/** Diffs the schema as of the last migration against the current schema files, offline. */
export async function pendingSchemaChange(dirs: MigrationDirs = {}): Promise<PendingSchemaChange> {
  const schemaDir = dirs.schemaDir ?? SCHEMA_DIR;
  const schema = await readSchemaFiles(schemaDir);
  const snapshot = await latestSnapshot(dirs.migrationsDir ?? MIGRATIONS_DIR);
  const diff = await withSchemaEngine({}, (engine) =>
    engine.diff({
      from: snapshot ? { tag: 'schemaDatamodel', files: snapshot.files } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: schema },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    }),
  ).catch((error: Error) => {
    const from = snapshot ? `the snapshot of migration ${snapshot.migration}` : 'an empty database';
    throw new Error(`Cannot diff ${from} against ${schemaDir}: ${error.message}`, { cause: error });
  });
  // exitCode 2 means "the diff is not empty"; an empty diff still prints a comment line.
  if (diff.exitCode !== 2) return { sql: '', schema };
  const migrationSql = diff.stdout ?? '';
  const rules = tenancySql(migrationSql);
  // The first migration also creates the roles, which the grants and policies after it name.
  const parts = [snapshot ? '' : rolesSql(), migrationSql, rules].map((part) => part.trim()).filter(Boolean);
  const sql = parts.join('\n\n');
  return { sql: `${sql}\n`, schema };
}

/**
 * The SQL the current `prisma/schema/*.prisma` files need beyond the last migration, '' when in
 * sync. Non-empty means someone changed the schema without `npm run db:migration -- <name>`.
 */
export async function schemaDrift(dirs: MigrationDirs = {}): Promise<string> {
  return (await pendingSchemaChange(dirs)).sql;
}
