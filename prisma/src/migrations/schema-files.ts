import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SchemaContainer } from '@prisma/schema-engine-wasm/schema_engine_bg';

/** Every `*.prisma` file under `dir` (Prisma's multi-file layout), paths relative to `dir`, sorted. */
export async function readSchemaFiles(dir: string): Promise<SchemaContainer[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
    throw new Error(`Cannot read the Prisma schema folder ${dir}: ${(error as Error).message}`);
  });
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.prisma'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
  if (names.length === 0)
    throw new Error(`No *.prisma files in ${dir}; expected schema.prisma and <owner>.prisma files.`);
  return Promise.all(
    names.map(async (name) => ({ path: name, content: await readFile(path.join(dir, name), 'utf8') })),
  );
}
