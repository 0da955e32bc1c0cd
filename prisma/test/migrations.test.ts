import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  createMigration,
  MIGRATIONS_DIR,
  pendingMigrations,
  rewriteSnapshot,
  SCHEMA_DIR,
  SNAPSHOT_FILE,
  schemaDrift,
} from '../src/migrations';

const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function urlFor(database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>, options = ''): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: options || undefined });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const scratchDatabases: string[] = [];
async function scratchDatabase(): Promise<string> {
  const name = `suite_migrations_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  scratchDatabases.push(name);
  return urlFor(name);
}

// A new owner, as a module would add one: its own schema file and PostgreSQL schema with one tenant
// table, plus a column on a platform table. Names no real module will use, so the fixture never collides.
const PROBE_SCHEMA = `model MigrationProbe {
  id    String @id @default(uuid()) @db.Uuid
  orgId String @map("org_id") @db.Uuid
  title String

  @@map("probe")
  @@schema("migtest")
}
`;

let work: string;
let dirs: { schemaDir: string; migrationsDir: string };

async function addProbeOwner(schemaDir: string): Promise<void> {
  const main = path.join(schemaDir, 'schema.prisma');
  const datasource = await readFile(main, 'utf8');
  const withProbe = datasource.replace(/schemas\s*=\s*\[/, 'schemas  = ["migtest", ');
  expect(withProbe, 'schema.prisma should list its PostgreSQL schemas in `schemas = [...]`').not.toBe(
    datasource,
  );
  await writeFile(main, withProbe);
  await writeFile(path.join(schemaDir, 'migtest.prisma'), PROBE_SCHEMA);
  const platform = path.join(schemaDir, 'platform.prisma');
  const source = await readFile(platform, 'utf8');
  const withColumn = source.replace(/(model AuditLogEntry \{\n)/, '$1  sourceIp String? @map("source_ip")\n');
  expect(withColumn, 'platform.prisma should define model AuditLogEntry').not.toBe(source);
  await writeFile(platform, withColumn);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'suite-migrations-'));
  dirs = { schemaDir: path.join(work, 'schema'), migrationsDir: path.join(work, 'migrations') };
  await cp(SCHEMA_DIR, dirs.schemaDir, { recursive: true });
  await cp(MIGRATIONS_DIR, dirs.migrationsDir, { recursive: true });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await withClient(adminUrl, async (client) => {
    for (const name of scratchDatabases) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});

describe('the repository schema (CI drift check)', () => {
  it('has a migration for every change to prisma/schema/*.prisma', async () => {
    const drift = await schemaDrift();
    expect(drift, 'prisma/schema changed without a migration: run `npm run db:migration -- <name>`').toBe('');
  });

  it('keeps Prisma’s layout so `prisma migrate deploy` can take over, plus one schema snapshot file', async () => {
    expect(await readFile(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), 'utf8')).toMatch(
      /^provider = "postgresql"$/m,
    );
    for (const entry of await readdir(MIGRATIONS_DIR, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      expect(entry.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(
        await readdir(path.join(MIGRATIONS_DIR, entry.name)),
        `${entry.name}: a migration is only its migration.sql; delete any schema/ copy and run \`npm run db:snapshot\``,
      ).toEqual(['migration.sql']);
    }
    expect(await readFile(path.join(MIGRATIONS_DIR, SNAPSHOT_FILE), 'utf8')).toMatch(
      /^\/\/ Schema as of migration/,
    );
  });
});

describe('a schema change on a copy of the repository', () => {
  let created: Awaited<ReturnType<typeof createMigration>>;
  let databaseUrl: string;

  beforeAll(async () => {
    await addProbeOwner(dirs.schemaDir);
    databaseUrl = await scratchDatabase();
  });

  it('is reported as drift, then written as a migration, and becomes the schema snapshot', async () => {
    const drift = await schemaDrift(dirs);
    expect(drift).toContain('CREATE TABLE "migtest"."probe"');
    expect(drift).toMatch(/ALTER TABLE "platform"\."audit_log" ADD COLUMN\s+"source_ip" TEXT/);

    created = await createMigration({ name: 'add_migtest_probe', ...dirs });
    expect(created?.name).toMatch(/^\d{14}_add_migtest_probe$/);
    const written = await readFile(
      path.join(dirs.migrationsDir, created?.name ?? '', 'migration.sql'),
      'utf8',
    );
    expect(written).toBe(created?.sql);
    expect(written).toContain('CREATE SCHEMA IF NOT EXISTS "migtest"');
    expect(written).toContain('CREATE TABLE "migtest"."probe"');
    expect(written).not.toContain('CREATE ROLE');
    expect(await readdir(path.join(dirs.migrationsDir, created?.name ?? ''))).toEqual(['migration.sql']);
    const snapshot = await readFile(path.join(dirs.migrationsDir, SNAPSHOT_FILE), 'utf8');
    expect(snapshot).toMatch(new RegExp(`^// Schema as of migration ${created?.name}:`));
    expect(snapshot).toContain(`// ---- migtest.prisma ----\n${PROBE_SCHEMA}`);
  });

  it('is no longer drift, and a second createMigration writes nothing', async () => {
    expect(await schemaDrift(dirs)).toBe('');
    const before = await readdir(dirs.migrationsDir);
    expect(await createMigration({ name: 'nothing_changed', ...dirs })).toBeNull();
    expect(await readdir(dirs.migrationsDir)).toEqual(before);
  });

  it('applies every migration to a fresh database and records them, once', async () => {
    const onDisk = (await readdir(dirs.migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(onDisk.at(-1)).toBe(created?.name);
    expect(await pendingMigrations(databaseUrl, dirs)).toEqual(onDisk);

    expect(await applyMigrations(databaseUrl, dirs)).toEqual(onDisk);

    const columns = await withClient(databaseUrl, (client) =>
      client.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE (table_schema, table_name) IN (('migtest', 'probe'), ('platform', 'audit_log'))`,
      ),
    );
    const found = columns.rows.map((row) => `${row.table_name}.${row.column_name}`);
    expect(found).toEqual(
      expect.arrayContaining(['probe.id', 'probe.org_id', 'probe.title', 'audit_log.source_ip']),
    );

    const recorded = await withClient(databaseUrl, (client) =>
      client.query<{ migration_name: string; checksum: string }>(
        'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
      ),
    );
    expect(recorded.rows.map((row) => row.migration_name)).toEqual(onDisk);
    // Same checksum `prisma migrate deploy` computes, so it would treat these as applied and unedited.
    for (const row of recorded.rows) {
      const script = await readFile(path.join(dirs.migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(script).digest('hex'));
    }

    expect(await applyMigrations(databaseUrl, dirs)).toEqual([]);
    expect(await pendingMigrations(databaseUrl, dirs)).toEqual([]);
  });

  it('gives the new tenant table forced RLS with tenant_isolation and system_access policies', async () => {
    const rls = await withClient(databaseUrl, (client) =>
      client.query(
        `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'migtest.probe'::regclass`,
      ),
    );
    expect(rls.rows).toEqual([{ relrowsecurity: true, relforcerowsecurity: true }]);
    const policies = await withClient(databaseUrl, (client) =>
      client.query(
        `SELECT policyname, roles::text[] AS roles, cmd, qual, with_check FROM pg_policies
         WHERE schemaname = 'migtest' AND tablename = 'probe' ORDER BY policyname`,
      ),
    );
    expect(policies.rows).toEqual([
      { policyname: 'system_access', roles: ['suite_system'], cmd: 'ALL', qual: 'true', with_check: 'true' },
      {
        policyname: 'tenant_isolation',
        roles: ['suite_app'],
        cmd: 'ALL',
        qual: expect.stringContaining("current_setting('app.org_id'::text, true)"),
        with_check: expect.stringContaining("current_setting('app.org_id'::text, true)"),
      },
    ]);
  });

  it('lets suite_app see and write only the current org’s rows, and suite_system all of them', async () => {
    const [orgA, orgB] = [randomUUID(), randomUUID()];
    // Seeded through the system role, as org provisioning does; it works for a non-superuser URL too.
    await withClient(
      databaseUrl,
      async (client) => {
        await client.query(
          `INSERT INTO platform.organization (id, slug, name) VALUES ($1, 'a', 'A'), ($2, 'b', 'B')`,
          [orgA, orgB],
        );
        await client.query(
          `INSERT INTO migtest.probe (id, org_id, title) VALUES (gen_random_uuid(), $1, 'probe A'), (gen_random_uuid(), $2, 'probe B')`,
          [orgA, orgB],
        );
      },
      '-c role=suite_system',
    );

    const asApp = (orgId: string | undefined, fn: (client: pg.Client) => Promise<unknown>) =>
      withClient(
        databaseUrl,
        async (client) => {
          await client.query('BEGIN');
          if (orgId) await client.query(`SELECT set_config('app.org_id', $1, true)`, [orgId]);
          try {
            return await fn(client);
          } finally {
            await client.query('ROLLBACK');
          }
        },
        '-c role=suite_app',
      );

    const titles = (client: pg.Client) =>
      client
        .query<{ title: string }>('SELECT title FROM migtest.probe ORDER BY title')
        .then((r) => r.rows.map((row) => row.title));
    const orgSlugs = (client: pg.Client) =>
      client
        .query<{ slug: string }>('SELECT slug FROM platform.organization')
        .then((r) => r.rows.map((row) => row.slug));

    expect(await asApp(orgA, titles)).toEqual(['probe A']);
    expect(await asApp(orgA, orgSlugs)).toEqual(['a']);
    expect(await asApp(undefined, titles)).toEqual([]);
    expect(await asApp(undefined, orgSlugs)).toEqual([]);
    await expect(
      asApp(orgA, (client) =>
        client.query(`INSERT INTO migtest.probe (id, org_id, title) VALUES (gen_random_uuid(), $1, 'x')`, [
          orgB,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      asApp(undefined, (client) =>
        client.query(`INSERT INTO migtest.probe (id, org_id, title) VALUES (gen_random_uuid(), $1, 'x')`, [
          orgA,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    // A transaction-local org reads back as '' once its transaction ended; that must mean "no org", not an error.
    expect(
      await withClient(
        databaseUrl,
        async (client) => {
          await client.query(`BEGIN; SELECT set_config('app.org_id', '${orgA}', true); COMMIT`);
          return titles(client);
        },
        '-c role=suite_app',
      ),
    ).toEqual([]);

    const system = await withClient(databaseUrl, titles, '-c role=suite_system');
    expect(system).toEqual(['probe A', 'probe B']);
  });
});

describe('the first migration of an empty migrations folder', () => {
  it('creates the roles and Prisma’s lockfile', async () => {
    const fresh = { schemaDir: dirs.schemaDir, migrationsDir: path.join(work, 'fresh-migrations') };
    const created = await createMigration({ name: 'init', ...fresh });
    expect(created?.sql).toMatch(/^-- Tenancy roles[\s\S]*CREATE ROLE suite_app NOLOGIN NOBYPASSRLS;/);
    expect(await readFile(path.join(fresh.migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
      'provider = "postgresql"',
    );
  });
});

/** A copy of the repository's schema and migrations, as a branch would have it. */
async function branchCopy(name: string): Promise<{ schemaDir: string; migrationsDir: string }> {
  const copy = {
    schemaDir: path.join(work, name, 'schema'),
    migrationsDir: path.join(work, name, 'migrations'),
  };
  await cp(SCHEMA_DIR, copy.schemaDir, { recursive: true });
  await cp(MIGRATIONS_DIR, copy.migrationsDir, { recursive: true });
  return copy;
}

/** A new platform table in a schema file of its own, as a module adds one. */
function addTable(schemaDir: string, model: string): Promise<void> {
  const table = model.toLowerCase();
  const source = `model ${model} {\n  id String @id @db.Uuid\n\n  @@map("${table}")\n  @@schema("platform")\n}\n`;
  return writeFile(path.join(schemaDir, `${table}.prisma`), source);
}

describe('two branches that each added a migration, merged', () => {
  let merged: { schemaDir: string; migrationsDir: string };
  let newest: string;

  beforeAll(async () => {
    const [books, tools] = await Promise.all([branchCopy('books'), branchCopy('tools')]);
    await addTable(books.schemaDir, 'MergeProbeBooks');
    await addTable(tools.schemaDir, 'MergeProbeTools');
    await createMigration({ name: 'books', now: new Date('2030-01-01'), ...books });
    const fromTools = await createMigration({ name: 'tools', now: new Date('2030-01-02'), ...tools });
    newest = fromTools?.name ?? '';
    // What git makes of it: both migrations, both schema files, and one side's snapshot.
    merged = await branchCopy('merged');
    await cp(books.schemaDir, merged.schemaDir, { recursive: true });
    await cp(tools.schemaDir, merged.schemaDir, { recursive: true });
    await cp(books.migrationsDir, merged.migrationsDir, { recursive: true });
    await cp(fromTools?.dir ?? '', path.join(merged.migrationsDir, newest), { recursive: true });
  });

  it('fails the drift check until the snapshot is regenerated, saying how', async () => {
    await expect(schemaDrift(merged)).rejects.toThrow(
      new RegExp(`newest migration is ${newest}[\\s\\S]*npm run db:snapshot`),
    );
  });

  it('gets a snapshot of the newest migration from db:snapshot once the migrations build the schema', async () => {
    const rewritten = await rewriteSnapshot({ serverUrl: adminUrl, ...merged });
    expect(rewritten.migration).toBe(newest);
    const snapshot = await readFile(rewritten.file, 'utf8');
    expect(snapshot).toMatch(new RegExp(`^// Schema as of migration ${newest}:`));
    expect(snapshot).toContain('model MergeProbeBooks');
    expect(snapshot).toContain('model MergeProbeTools');
    expect(await schemaDrift(merged)).toBe('');
  });

  it('keeps the snapshot when the schema has a change no migration makes, and names the change', async () => {
    const before = await readFile(path.join(merged.migrationsDir, SNAPSHOT_FILE), 'utf8');
    await addTable(merged.schemaDir, 'UnmigratedProbe');
    await expect(rewriteSnapshot({ serverUrl: adminUrl, ...merged })).rejects.toThrow(
      /do not build[\s\S]*\+ column platform\.unmigratedprobe\.id uuid NOT NULL[\s\S]*db:migration/,
    );
    expect(await readFile(path.join(merged.migrationsDir, SNAPSHOT_FILE), 'utf8')).toBe(before);
  });
});
