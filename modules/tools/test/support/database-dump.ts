import { execFileSync } from 'node:child_process';
import pg from 'pg';

/**
 * The database's data as text: `pg_dump --data-only` when the installed pg_dump can read this server,
 * else every row of every table as JSON (the embedded PostgreSQL is newer than Debian's pg_dump).
 */
export async function databaseDump(url: string): Promise<{ via: string; text: string }> {
  try {
    const text = execFileSync('pg_dump', ['--data-only', url], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { via: 'pg_dump', text };
  } catch {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ name: string }>(
        `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
          WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
      );
      const parts: string[] = [];
      for (const { name } of tables) {
        const { rows } = await client.query(`SELECT row_to_json(t)::text AS row FROM ${name} t`);
        parts.push(`-- ${name}`, ...rows.map((row: { row: string }) => row.row));
      }
      return { via: 'row dump', text: parts.join('\n') };
    } finally {
      await client.end();
    }
  }
}
