import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SchemaContainer } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { SNAPSHOT_FILE } from './migration-paths';
import { migrationNames } from './migrations-directory';

export interface SchemaSnapshot {
  /** The migration the snapshot is the schema of: always the newest one on disk. */
  migration: string;
  files: SchemaContainer[];
}

const HEADER = /^\/\/ Schema as of migration ([^\s:]+):/;

/** One file: a header naming the migration, then each schema file under a `// ---- <path> ----` line. */
export function renderSnapshot(migration: string, files: readonly SchemaContainer[]): string {
  const header = [
    `// Schema as of migration ${migration}: the base \`npm run db:migration\` diffs prisma/schema/ against.`,
    '// Written by `npm run db:migration` and `npm run db:snapshot`; do not edit, regenerate after a merge.',
  ];
  const body = files.map((file) => `// ---- ${file.path} ----\n${file.content.trimEnd()}\n`);
  return `${header.join('\n')}\n\n${body.join('\n')}`;
}

/**
 * The schema as of the newest migration, null while there is no migration. Refuses a snapshot of an
 * older migration: after two branches that each added one are merged, it describes neither.
 */
export async function readSnapshot(migrationsDir: string): Promise<SchemaSnapshot | null> {
  const newest = (await migrationNames(migrationsDir)).at(-1);
  if (!newest) return null;
  const file = path.join(migrationsDir, SNAPSHOT_FILE);
  const content = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    throw new Error(
      `${file} is missing: it holds the schema as of the last migration. Run \`npm run db:snapshot\` to write it.`,
    );
  });
  const migration = HEADER.exec(content)?.[1];
  if (migration !== newest) {
    throw new Error(
      `${file} is the schema as of migration ${migration ?? '(no header)'}, but the newest migration is ${newest} ` +
        '(a merge, or a hand-written migration). Run `npm run db:snapshot`: it checks that the migrations ' +
        'build prisma/schema/ and rewrites the snapshot.',
    );
  }
  return { migration, files: [{ path: SNAPSHOT_FILE, content }] };
}

export async function writeSnapshot(
  migrationsDir: string,
  migration: string,
  files: readonly SchemaContainer[],
): Promise<string> {
  const file = path.join(migrationsDir, SNAPSHOT_FILE);
  await writeFile(file, renderSnapshot(migration, files));
  return file;
}
