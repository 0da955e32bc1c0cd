import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, withAdminClient } from '../admin';
import { ensureAppLogin } from '../app-login';
import { type RunningPostgres, startEmbeddedPostgres } from '../embedded-postgres';
import { applyMigrations, MIGRATIONS_DIR } from '../migrations';

/** Template name changes with the migrations, so a stale template is never cloned. */
function templateName(): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(MIGRATIONS_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    hash.update(path.relative(MIGRATIONS_DIR, file)).update(readFileSync(file));
  }
  return `suite_test_tpl_${hash.digest('hex').slice(0, 12)}`;
}

/**
 * Real PostgreSQL for every test file: the server at DATABASE_URL (CI), or an embedded one. The schema
 * is migrated once into a template; each file clones its own database from it and so runs in parallel.
 */
export default async function setup(project: TestProject) {
  let embedded: RunningPostgres | undefined;
  let embeddedDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embeddedDir = mkdtempSync(path.join(tmpdir(), 'suite-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(embeddedDir, 'pg'), port: 0 });
    serverUrl = embedded.url;
  }
  const template = templateName();
  const exists = await withAdminClient(serverUrl, (client) =>
    client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]),
  );
  if (!exists.rowCount) {
    const building = `${template}_building_${process.pid}`;
    const url = await ensureDatabase(serverUrl, building);
    await applyMigrations(url);
    await withAdminClient(serverUrl, (client) =>
      client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`),
    );
  }
  // Once per run: the test databases' app pools log in as suite_app, as the suite's do.
  await ensureAppLogin(serverUrl);
  project.provide('testServerUrl', serverUrl);
  project.provide('testTemplate', template);
  return async () => {
    await embedded?.stop();
    if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  };
}
