/** Database roles of rule 6 (tenancy). The app and its system work switch to these with `-c role=...`. */
export const APP_ROLE = 'suite_app';
export const SYSTEM_ROLE = 'suite_system';
/** Transaction setting that names the current org (`set_config('app.org_id', id, true)`). */
export const ORG_SETTING = 'app.org_id';

const ROLES = `${APP_ROLE}, ${SYSTEM_ROLE}`;
const TENANT_COLUMN = 'org_id';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const unquote = (name: string) => name.replaceAll('""', '"');
const IDENT = '"((?:[^"]|"")+)"';

interface TableName {
  schema: string | undefined;
  table: string;
}

const qualified = ({ schema, table }: TableName) =>
  schema ? `${quote(schema)}.${quote(table)}` : quote(table);

/**
 * Current org for policies. NULLIF because a transaction-local setting reads back as '' (not NULL)
 * once its transaction ended on a pooled connection, and ''::uuid would raise instead of matching nothing.
 */
const CURRENT_ORG = `NULLIF(current_setting('${ORG_SETTING}', true), '')::uuid`;

/** Creates the two NOLOGIN roles once per server (roles are cluster-wide) and lets the migrating user switch to them. */
export function rolesSql(): string {
  const ensure = (role: string) => `  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
    CREATE ROLE ${role} NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN
    GRANT ${role} TO CURRENT_USER;
  END IF;`;
  return `-- Tenancy roles (generated for the first migration by src/migrations/tenancy-sql.ts).
-- NOLOGIN: the app logs in as the DATABASE_URL user and switches with the connection option -c role=...
-- ${SYSTEM_ROLE} gets no BYPASSRLS: every table carries an explicit policy for it instead.
DO $$
BEGIN
${ensure(APP_ROLE)}
${ensure(SYSTEM_ROLE)}
END
$$;
`;
}

export function schemaAccessSql(schema: string): string {
  const s = quote(schema);
  return `-- Schema ${s}: usable by both roles, as are tables the migrating role creates in it later
GRANT USAGE ON SCHEMA ${s} TO ${ROLES};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${ROLES};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${ROLES};
`;
}

/**
 * RLS for a tenant table: ${APP_ROLE} reads and writes only rows of the current org (a row of another
 * org, or any row when no org is set, is invisible and rejected); ${SYSTEM_ROLE} sees all rows.
 * FORCE so the owning (migrating) role is not silently exempt.
 */
export function rowLevelSecuritySql(table: string, orgColumn: string): string {
  const match = `${quote(orgColumn)} = ${CURRENT_ORG}`;
  return `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ${table} AS PERMISSIVE FOR ALL TO ${APP_ROLE}
  USING (${match})
  WITH CHECK (${match});
CREATE POLICY system_access ON ${table} AS PERMISSIVE FOR ALL TO ${SYSTEM_ROLE}
  USING (true)
  WITH CHECK (true);
`;
}

function assertUuid(table: TableName, type: string | undefined): void {
  if (type?.toUpperCase() === 'UUID') return;
  throw new Error(
    `${qualified(table)}.${TENANT_COLUMN} is ${type ?? 'of unknown type'}; tenant columns must be UUID ` +
      '(@db.Uuid in the Prisma schema) so row-level security can compare them with the current org.',
  );
}

interface CreatedObjects {
  schemas: string[];
  tables: { name: TableName; tenant: boolean }[];
  /** Existing tables that gain an org_id column in this migration. */
  newlyTenant: TableName[];
}

/** Reads what a Prisma-generated PostgreSQL migration creates. */
function createdObjects(migrationSql: string): CreatedObjects {
  const schemas = [
    ...migrationSql.matchAll(new RegExp(String.raw`CREATE SCHEMA(?: IF NOT EXISTS)?\s+${IDENT}`, 'g')),
  ].map((m) => unquote(m[1] as string));
  const tables = [
    ...migrationSql.matchAll(
      new RegExp(String.raw`CREATE TABLE\s+(?:${IDENT}\.)?${IDENT}\s*\(([\s\S]*?)\n\);`, 'g'),
    ),
  ].map((m) => {
    const name = { schema: m[1] && unquote(m[1]), table: unquote(m[2] as string) };
    const column = (m[3] as string).match(new RegExp(String.raw`^\s*"${TENANT_COLUMN}"\s+([A-Za-z]+)`, 'm'));
    if (column) assertUuid(name, column[1]);
    return { name, tenant: column !== null };
  });
  const newlyTenant = [
    ...migrationSql.matchAll(new RegExp(String.raw`ALTER TABLE\s+(?:${IDENT}\.)?${IDENT}\s+([^;]*);`, 'g')),
  ].flatMap((m) => {
    const column = (m[3] as string).match(
      new RegExp(String.raw`ADD COLUMN\s+"${TENANT_COLUMN}"\s+([A-Za-z]+)`),
    );
    if (!column) return [];
    const name = { schema: m[1] && unquote(m[1]), table: unquote(m[2] as string) };
    assertUuid(name, column[1]);
    return [name];
  });
  return { schemas, tables, newlyTenant };
}

/**
 * The database-side tenancy rules for what `migrationSql` creates, so nobody hand-writes them:
 * schema usage and default privileges for both roles, explicit table grants (default privileges only
 * cover the role that set them), and RLS with `tenant_isolation` on every table that has org_id.
 * Returns '' when the migration creates nothing that needs rules.
 */
export function tenancySql(migrationSql: string): string {
  const { schemas, tables, newlyTenant } = createdObjects(migrationSql);
  const parts = schemas.map(schemaAccessSql);
  const tableSchemas = new Set(tables.flatMap(({ name }) => (name.schema ? [name.schema] : [])));
  for (const schema of tableSchemas) {
    parts.push(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${quote(schema)} TO ${ROLES};\n`);
  }
  for (const { name, tenant } of tables) {
    const table = qualified(name);
    const grant = `GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${ROLES};\n`;
    parts.push(
      tenant
        ? `-- ${table} is tenant-owned (${TENANT_COLUMN})\n${grant}${rowLevelSecuritySql(table, TENANT_COLUMN)}`
        : grant,
    );
  }
  for (const name of newlyTenant) {
    const table = qualified(name);
    parts.push(
      `-- ${table} became tenant-owned (${TENANT_COLUMN} added)\n${rowLevelSecuritySql(table, TENANT_COLUMN)}`,
    );
  }
  if (parts.length === 0) return '';
  return `-- Tenancy (generated by src/migrations/tenancy-sql.ts, see docs/decisions/0001-offline-migrations.md)\n${parts.join('\n')}`;
}
