import { describe, expect, it } from 'vitest';
import { validateMigrationName } from '../src/migrations/migration-name';
import { nextMigrationId } from '../src/migrations/migrations-directory';
import { rolesSql, tenancySql } from '../src/migrations/tenancy-sql';

// Shaped like the engine's output for a new module schema with one tenant table and one global table.
const NEW_MODULE = `-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "crm";

-- CreateTable
CREATE TABLE "crm"."deal" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "deal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."currency" (
    "code" TEXT NOT NULL,
    "seq" SERIAL NOT NULL,

    CONSTRAINT "currency_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE INDEX "deal_org_id_idx" ON "crm"."deal"("org_id");
`;

const CURRENT_ORG = `NULLIF(current_setting('app.org_id', true), '')::uuid`;

describe('tenancySql', () => {
  const sql = tenancySql(NEW_MODULE);

  it('lets both roles use a schema the migration creates, now and for later tables', () => {
    expect(sql).toContain('GRANT USAGE ON SCHEMA "crm" TO suite_app, suite_system;');
    expect(sql).toContain(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA "crm" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO suite_app, suite_system;',
    );
    expect(sql).toContain(
      'ALTER DEFAULT PRIVILEGES IN SCHEMA "crm" GRANT USAGE, SELECT ON SEQUENCES TO suite_app, suite_system;',
    );
    expect(sql).toContain('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "crm" TO suite_app, suite_system;');
  });

  it('grants every created table to both roles explicitly', () => {
    expect(sql).toContain('GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."deal" TO suite_app, suite_system;');
    expect(sql).toContain(
      'GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."currency" TO suite_app, suite_system;',
    );
  });

  it('enables and forces RLS with tenant_isolation for suite_app and system_access for suite_system on org_id tables', () => {
    expect(sql).toContain('ALTER TABLE "crm"."deal" ENABLE ROW LEVEL SECURITY;');
    expect(sql).toContain('ALTER TABLE "crm"."deal" FORCE ROW LEVEL SECURITY;');
    expect(sql).toContain(
      `CREATE POLICY tenant_isolation ON "crm"."deal" AS PERMISSIVE FOR ALL TO suite_app\n` +
        `  USING ("org_id" = ${CURRENT_ORG})\n  WITH CHECK ("org_id" = ${CURRENT_ORG});`,
    );
    expect(sql).toContain(
      'CREATE POLICY system_access ON "crm"."deal" AS PERMISSIVE FOR ALL TO suite_system\n  USING (true)\n  WITH CHECK (true);',
    );
  });

  it('leaves tables without org_id out of RLS', () => {
    expect(sql).not.toMatch(/"crm"\."currency" (ENABLE|FORCE) ROW LEVEL SECURITY/);
    expect(sql).not.toMatch(/POLICY \w+ ON "crm"\."currency"/);
  });

  it('protects an existing table that gains org_id', () => {
    const added = tenancySql(`-- AlterTable
ALTER TABLE "books"."invoice" ADD COLUMN     "note" TEXT,
ADD COLUMN "org_id" UUID NOT NULL;
`);
    expect(added).toContain('ALTER TABLE "books"."invoice" FORCE ROW LEVEL SECURITY;');
    expect(added).toContain('CREATE POLICY tenant_isolation ON "books"."invoice"');
  });

  it('refuses an org_id that is not a UUID, naming the table and the fix', () => {
    expect(() => tenancySql('CREATE TABLE "crm"."note" (\n    "org_id" TEXT NOT NULL\n);')).toThrow(
      /"crm"\."note"\.org_id is TEXT; tenant columns must be UUID \(@db\.Uuid/,
    );
  });

  it('adds nothing when the migration creates no schema or table', () => {
    expect(tenancySql('-- CreateIndex\nCREATE INDEX "a_idx" ON "crm"."deal"("title");\n')).toBe('');
  });
});

describe('rolesSql', () => {
  it('creates both roles once per server, NOLOGIN, neither with BYPASSRLS', () => {
    const sql = rolesSql();
    for (const role of ['suite_app', 'suite_system']) {
      expect(sql).toContain(`IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN`);
      expect(sql).toContain(`CREATE ROLE ${role} NOLOGIN NOBYPASSRLS;`);
    }
    expect(sql).not.toMatch(/CREATE ROLE [^;]*\sBYPASSRLS/);
  });
});

describe('validateMigrationName', () => {
  it.each(['init', 'add_crm_deal', 'v2_rename_x'])('accepts %s', (name) => {
    expect(validateMigrationName(name)).toBe(name);
  });

  it.each(['', 'Init', 'add-deal', 'add deal', '_x', 'x_', '1_init', 'a'.repeat(65)])(
    'rejects "%s"',
    (name) => {
      expect(() => validateMigrationName(name)).toThrow(/snake_case name/);
    },
  );
});

describe('nextMigrationId', () => {
  it('uses the UTC time like Prisma, and stays after the newest migration', () => {
    const now = new Date('2030-01-02T03:04:05Z');
    expect(nextMigrationId([], now)).toBe('20300102030405');
    expect(nextMigrationId(['20300102030405_init'], now)).toBe('20300102030406');
  });
});
