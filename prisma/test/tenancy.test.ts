import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forOrg, TenantViolationError } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let database: TestDatabase;
let orgA: string;
let orgB: string;
let entryA: string;
let entryB: string;

/** Raw SQL exactly as the application's pool runs it (its own login), with or without an org context. */
async function asApp<T>(orgId: string | undefined, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: database.appUrl, options: '-c role=suite_app' });
  await client.connect();
  try {
    await client.query('BEGIN');
    if (orgId) await client.query(`SELECT set_config('app.org_id', $1, true)`, [orgId]);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { system } = database.db;
  orgA = (await system.organization.create({ data: { slug: 'org-a', name: 'A' } })).id;
  orgB = (await system.organization.create({ data: { slug: 'org-b', name: 'B' } })).id;
  entryA = await forOrg(database.db.app, orgA).transaction(async (tx) => {
    return (await tx.auditLogEntry.create({ data: { actor: 'alice', action: 'deal.update' } })).id;
  });
  entryB = await forOrg(database.db.app, orgB).transaction(async (tx) => {
    return (await tx.auditLogEntry.create({ data: { actor: 'bob', action: 'deal.update' } })).id;
  });
});

afterAll(() => database?.drop());

describe('tenant-scoped client', () => {
  const inA = () => forOrg(database.db.app, orgA);

  it('stamps the active org on writes and reads only that org', async () => {
    const rows = await inA().transaction((tx) => tx.auditLogEntry.findMany());
    expect(rows.map((row) => [row.id, row.orgId])).toEqual([[entryA, orgA]]);
  });

  it('cannot read, update or delete a row of another org, even by id', async () => {
    await inA().transaction(async (tx) => {
      expect(await tx.auditLogEntry.findUnique({ where: { id: entryB } })).toBeNull();
      expect(await tx.auditLogEntry.count({ where: { orgId: orgB } })).toBe(0);
      expect(
        (await tx.auditLogEntry.updateMany({ where: { id: entryB }, data: { actor: 'mallory' } })).count,
      ).toBe(0);
      expect((await tx.auditLogEntry.deleteMany({ where: { id: entryB } })).count).toBe(0);
    });
    await expect(
      inA().transaction((tx) =>
        tx.auditLogEntry.update({ where: { id: entryB }, data: { actor: 'mallory' } }),
      ),
    ).rejects.toThrow(/not found|No record/i);
    await expect(
      inA().transaction((tx) => tx.auditLogEntry.delete({ where: { id: entryB } })),
    ).rejects.toThrow(/not found|No record/i);
    const untouched = await database.db.system.auditLogEntry.findUniqueOrThrow({ where: { id: entryB } });
    expect(untouched.actor).toBe('bob');
  });

  it('refuses to write a row for another org', async () => {
    await expect(
      inA().transaction((tx) =>
        tx.auditLogEntry.create({ data: { orgId: orgB, actor: 'mallory', action: 'x' } }),
      ),
    ).rejects.toBeInstanceOf(TenantViolationError);
    await expect(
      inA().transaction((tx) => tx.auditLogEntry.updateMany({ where: {}, data: { orgId: orgB } })),
    ).rejects.toBeInstanceOf(TenantViolationError);
  });

  it('rejects an org id that is not a UUID before touching the database', () => {
    expect(() => forOrg(database.db.app, "x' OR true --")).toThrow(/not an org id/);
  });
});

describe('row-level security on the application role (raw SQL)', () => {
  it('shows only the active org’s rows, and nothing without an org', async () => {
    const seen = await asApp(orgA, (c) => c.query('SELECT id FROM platform.audit_log'));
    expect(seen.rows).toEqual([{ id: entryA }]);
    const orgs = await asApp(orgA, (c) => c.query('SELECT id FROM platform.organization'));
    expect(orgs.rows).toEqual([{ id: orgA }]);
    const none = await asApp(undefined, (c) => c.query('SELECT id FROM platform.audit_log'));
    expect(none.rows).toEqual([]);
  });

  it('cannot update or delete another org’s rows', async () => {
    const updated = await asApp(orgA, (c) =>
      c.query(`UPDATE platform.audit_log SET actor = 'mallory' WHERE id = $1`, [entryB]),
    );
    expect(updated.rowCount).toBe(0);
    const deleted = await asApp(orgA, (c) =>
      c.query('DELETE FROM platform.audit_log WHERE id = $1', [entryB]),
    );
    expect(deleted.rowCount).toBe(0);
    const moved = asApp(orgA, (c) =>
      c.query('UPDATE platform.audit_log SET org_id = $1 WHERE id = $2', [orgB, entryA]),
    );
    await expect(moved).rejects.toThrow(/row-level security/);
  });

  it('rejects a row inserted for another org or without an org', async () => {
    const insert = `INSERT INTO platform.audit_log (id, org_id, actor, action) VALUES (gen_random_uuid(), $1, 'mallory', 'x')`;
    await expect(asApp(orgA, (c) => c.query(insert, [orgB]))).rejects.toThrow(/row-level security/);
    await expect(asApp(orgA, (c) => c.query(insert, [null]))).rejects.toThrow(
      /row-level security|null value/,
    );
    await expect(asApp(undefined, (c) => c.query(insert, [orgA]))).rejects.toThrow(/row-level security/);
  });

  it('runs as a role that neither owns the tables nor bypasses RLS, and every tenant table has a policy', async () => {
    const role = await database.db.system.$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean }[]>`
      SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'suite_app'`;
    expect(role).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    const tables = await database.db.system.$queryRaw<
      { table: string; owner: string; rls: boolean; forced: boolean; policies: bigint }[]
    >`
      SELECT c.relnamespace::regnamespace || '.' || c.relname AS table, pg_get_userbyid(c.relowner) AS owner,
             c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
             (SELECT count(*) FROM pg_policies p WHERE p.schemaname = c.relnamespace::regnamespace::text AND p.tablename = c.relname) AS policies
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id'
      WHERE c.relkind = 'r'`;
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      expect(table, table.table).toMatchObject({ rls: true, forced: true });
      expect(table.owner, table.table).not.toBe('suite_app');
      expect(table.policies, table.table).toBeGreaterThan(0n);
    }
  });

  it('logs the app in as a role that cannot switch to the owner or a superuser, so RLS holds after RESET ROLE', async () => {
    const owner = decodeURIComponent(new URL(database.url).username);
    const escapes = [
      'RESET ROLE',
      'SET ROLE postgres',
      `SET ROLE "${owner}"`,
      'SET ROLE suite_system',
      'SET SESSION AUTHORIZATION postgres',
    ];
    for (const sql of escapes) {
      const seen = await asApp(undefined, async (client) => {
        await client.query('SAVEPOINT attempt');
        await client.query(sql).catch(() => client.query('ROLLBACK TO SAVEPOINT attempt'));
        const who = await client.query<{ current_user: string; session_user: string }>(
          'SELECT current_user, session_user',
        );
        const rows = await client.query('SELECT id FROM platform.audit_log');
        return { ...who.rows[0], rows: rows.rowCount };
      });
      expect(seen, sql).toEqual({ current_user: 'suite_app', session_user: 'suite_app', rows: 0 });
    }
    const [pool] = await database.db.app.$queryRaw<{ session_user: string }[]>`SELECT session_user`;
    expect(pool).toEqual({ session_user: 'suite_app' });
    const switchTo = (role: string) => asApp(undefined, (client) => client.query(`SET ROLE "${role}"`));
    await expect(switchTo(owner)).rejects.toThrow(/permission denied to set role/);
    await expect(switchTo('postgres')).rejects.toThrow(/permission denied to set role/);
  });
});
