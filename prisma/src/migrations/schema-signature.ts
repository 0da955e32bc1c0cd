import pg from 'pg';

// Tables, columns, constraints, indexes and enums of every user schema, one sorted line each. Grants and
// policies are left out: they come from the tenancy SQL of the migrations, not from the Prisma schema; so
// are expression indexes (`lower(email)`), which the Prisma schema cannot write and migrations add by hand.
const SIGNATURE = `
SELECT format('column %I.%I.%I %s%s%s', n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
              CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
              COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')) AS line
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND c.relname <> '_prisma_migrations'
UNION ALL
SELECT format('constraint %I.%I %I %s', n.nspname, c.relname, con.conname, pg_get_constraintdef(con.oid))
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relname <> '_prisma_migrations'
UNION ALL
SELECT 'index ' || pg_get_indexdef(i.indexrelid)
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relname <> '_prisma_migrations'
  AND i.indexprs IS NULL
UNION ALL
SELECT format('enum %I.%I %s', n.nspname, t.typname,
              (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
ORDER BY line`;

/** The structure of a database's own schemas, as comparable lines. */
export async function schemaSignature(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ line: string }>(SIGNATURE);
    return rows.map((row) => row.line);
  } finally {
    await client.end();
  }
}

/** Lines only in `a` (`-`) and only in `b` (`+`). */
export function signatureDifference(a: readonly string[], b: readonly string[]): string[] {
  const inA = new Set(a);
  const inB = new Set(b);
  return [
    ...a.filter((line) => !inB.has(line)).map((line) => `- ${line}`),
    ...b.filter((line) => !inA.has(line)).map((line) => `+ ${line}`),
  ];
}
