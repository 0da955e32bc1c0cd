import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningPostgres, startEmbeddedPostgres } from '../src/embedded-postgres';
import { rewriteSnapshot } from '../src/migrations';

// Usage: npm run db:snapshot   (DATABASE_URL, or a throwaway embedded PostgreSQL)
async function main(): Promise<void> {
  let embedded: RunningPostgres | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'suite-snapshot-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir, port: 0 });
    serverUrl = embedded.url;
  }
  try {
    const { migration, file } = await rewriteSnapshot({ serverUrl });
    console.log(`Wrote ${path.relative(process.cwd(), file)}: prisma/schema/ as of migration ${migration}.`);
  } finally {
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
