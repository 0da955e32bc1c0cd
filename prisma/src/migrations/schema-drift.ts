import type { SchemaContainer } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { MIGRATIONS_DIR, type MigrationDirs, SCHEMA_DIR } from './migration-paths';
import { withSchemaEngine } from './schema-engine';
import { readSchemaFiles } from './schema-files';
import { readSnapshot } from './schema-snapshot';
import { rolesSql, tenancySql } from './tenancy-sql';

export interface PendingSchemaChange {
  /** What the next migration must contain: Prisma's diff plus the generated tenancy rules. */
  sql: string;
  /** The current schema files, which become the snapshot once the migration is written. */
  schema: SchemaContainer[];
}

/** Prisma's SQL from one schema to another (`null`: an empty database), offline; '' when they match. */
export async function schemaDiffSql(
  from: readonly SchemaContainer[] | null,
  to: readonly SchemaContainer[],
): Promise<string> {
  const diff = await withSchemaEngine({}, (engine) =>
    engine.diff({
      from: from ? { tag: 'schemaDatamodel', files: [...from] } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [...to] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    }),
  );
  // exitCode 2 means "the diff is not empty"; an empty diff still prints a comment line.
  return diff.exitCode === 2 ? (diff.stdout ?? '') : '';
}

/** Diffs the schema as of the last migration against the current schema files, offline. */
export async function pendingSchemaChange(dirs: MigrationDirs = {}): Promise<PendingSchemaChange> {
  const schemaDir = dirs.schemaDir ?? SCHEMA_DIR;
  const schema = await readSchemaFiles(schemaDir);
  const snapshot = await readSnapshot(dirs.migrationsDir ?? MIGRATIONS_DIR);
  const migrationSql = await schemaDiffSql(snapshot?.files ?? null, schema).catch((error: Error) => {
    const from = snapshot ? `the schema snapshot of migration ${snapshot.migration}` : 'an empty database';
    throw new Error(`Cannot diff ${from} against ${schemaDir}: ${error.message}`, { cause: error });
  });
  if (migrationSql === '') return { sql: '', schema };
  const rules = tenancySql(migrationSql);
  // The first migration also creates the roles, which the grants and policies after it name.
  const parts = [snapshot ? '' : rolesSql(), migrationSql, rules].map((part) => part.trim()).filter(Boolean);
  return { sql: `${parts.join('\n\n')}\n`, schema };
}

/**
 * The SQL the current `prisma/schema/*.prisma` files need beyond the last migration, '' when in
 * sync. Non-empty means someone changed the schema without `npm run db:migration -- <name>`.
 */
export async function schemaDrift(dirs: MigrationDirs = {}): Promise<string> {
  return (await pendingSchemaChange(dirs)).sql;
}
