import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { LOCKFILE_CONTENT, LOCKFILE_NAME, MIGRATION_SCRIPT } from './migration-paths';

/** Like Prisma's CLI: every sub-directory of the migrations folder is a migration, in name order. */
export async function migrationNames(migrationsDir: string): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    },
  );
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

/** The migrations folder in the shape the schema engine expects, read the way Prisma's CLI reads it. */
export async function readMigrationList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockfile = await readFile(path.join(baseDir, LOCKFILE_NAME), 'utf8').catch(() => null);
  const names = await migrationNames(baseDir);
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: MIGRATION_SCRIPT,
        content: await readFile(path.join(baseDir, name, MIGRATION_SCRIPT), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        ),
      },
    })),
  );
  return {
    baseDir,
    lockfile: { path: LOCKFILE_NAME, content: lockfile },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** Prisma's id format (UTC `YYYYMMDDHHMMSS`), kept strictly after the newest existing migration. */
export function nextMigrationId(existing: readonly string[], now = new Date()): string {
  let stamp = Number(now.toISOString().replace(/\D/g, '').slice(0, 14));
  const newest = existing.at(-1)?.match(/^(\d{14})_/)?.[1];
  if (newest && Number(newest) >= stamp) stamp = Number(newest) + 1;
  return String(stamp);
}

async function ensureLockfile(migrationsDir: string): Promise<void> {
  const file = path.join(migrationsDir, LOCKFILE_NAME);
  const current = await readFile(file, 'utf8').catch(() => null);
  if (current === null) {
    await writeFile(file, LOCKFILE_CONTENT);
    return;
  }
  if (!/^provider\s*=\s*"postgresql"\s*$/m.test(current)) {
    throw new Error(
      `${file} does not say provider = "postgresql"; this tooling only writes PostgreSQL migrations.`,
    );
  }
}

/** Writes `<id>_<name>/migration.sql`. */
export async function writeMigration(migrationsDir: string, dirName: string, sql: string): Promise<string> {
  const dir = path.join(migrationsDir, dirName);
  if (existsSync(dir))
    throw new Error(`Migration directory ${dir} already exists; migrations are never rewritten.`);
  await mkdir(migrationsDir, { recursive: true });
  await ensureLockfile(migrationsDir);
  await mkdir(dir);
  try {
    await writeFile(path.join(dir, MIGRATION_SCRIPT), sql);
  } catch (error) {
    // A directory without migration.sql would break every later deploy.
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}
