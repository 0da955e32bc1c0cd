import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { dropDatabase, ensureDatabase } from '../admin';
import { applyMigrations } from './apply-migrations';
import { MIGRATIONS_DIR, type MigrationDirs, SCHEMA_DIR } from './migration-paths';
import { migrationNames } from './migrations-directory';
import { schemaDiffSql } from './schema-drift';
import { readSchemaFiles } from './schema-files';
import { schemaSignature, signatureDifference } from './schema-signature';
import { writeSnapshot } from './schema-snapshot';

export interface RewriteSnapshotOptions extends MigrationDirs {
  /** A PostgreSQL server the check may create and drop two scratch databases on. */
  serverUrl: string;
}

async function scratchDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `suite_snapshot_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const url = await ensureDatabase(serverUrl, name);
  try {
    return await fn(url);
  } finally {
    await dropDatabase(serverUrl, name);
  }
}

async function runScript(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Makes `prisma/schema/` the snapshot of the newest migration, after checking that it is one: the
 * migrations applied in order to a scratch database give the same tables, columns, constraints,
 * indexes and enums as the schema files do. Run after merging branches that each added a migration.
 */
export async function rewriteSnapshot(
  options: RewriteSnapshotOptions,
): Promise<{ migration: string; file: string }> {
  const migrationsDir = path.resolve(options.migrationsDir ?? MIGRATIONS_DIR);
  const schemaDir = options.schemaDir ?? SCHEMA_DIR;
  const migration = (await migrationNames(migrationsDir)).at(-1);
  if (!migration)
    throw new Error(
      `${migrationsDir} has no migration yet; \`npm run db:migration -- init\` writes the first.`,
    );
  const schema = await readSchemaFiles(schemaDir);
  const migrated = await scratchDatabase(options.serverUrl, async (url) => {
    await applyMigrations(url, { migrationsDir });
    return schemaSignature(url);
  });
  const declared = await scratchDatabase(options.serverUrl, async (url) => {
    await runScript(url, await schemaDiffSql(null, schema));
    return schemaSignature(url);
  });
  const difference = signatureDifference(migrated, declared);
  if (difference.length > 0) {
    throw new Error(
      `The migrations do not build ${schemaDir} (- only from the migrations, + only in the schema):\n` +
        `${difference.join('\n')}\n` +
        'Add the missing change as a migration (`npm run db:migration -- <name>` diffs against the old snapshot, ' +
        'so write it by hand, or resolve the merge of prisma/schema/), then run `npm run db:snapshot` again.',
    );
  }
  return { migration, file: await writeSnapshot(migrationsDir, migration, schema) };
}
