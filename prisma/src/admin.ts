import pg from 'pg';

/** Same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(
  serverUrl: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Creates `database` on the server unless it exists, optionally as a copy of `template`. */
export async function ensureDatabase(
  serverUrl: string,
  database: string,
  template?: string,
): Promise<string> {
  await withAdminClient(serverUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return;
    const from = template ? ` TEMPLATE ${quoteIdent(template)}` : '';
    await client.query(`CREATE DATABASE ${quoteIdent(database)}${from}`);
  });
  return databaseUrl(serverUrl, database);
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withAdminClient(serverUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`),
  );
}
