import { DB_ROLES } from '@suite/db';
import pg from 'pg';
import type { Logger } from 'pino';

// The bus's own system work (relay, PostgreSQL log, leases, LISTEN) runs as suite_system on plain pg
// connections: it needs session features Prisma's pool does not offer (advisory locks held by one
// connection, LISTEN). Handler transactions still go through forOrg(db.app, ...).
const ROLE_OPTION = `-c role=${DB_ROLES.system}`;

export function systemPool(url: string, applicationName: string, max: number, log: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    options: ROLE_OPTION,
    application_name: applicationName,
    max,
  });
  // An idle connection the server drops (restart, failover) must not crash the process.
  pool.on('error', (error) => log.warn({ err: error }, 'bus connection dropped by the server'));
  return pool;
}

export function systemClient(url: string, applicationName: string): pg.Client {
  return new pg.Client({ connectionString: url, options: ROLE_OPTION, application_name: applicationName });
}

/**
 * A statement the bus sends on every poll or batch, prepared under `name` on each connection the first
 * time it runs there, so the server parses and analyses it once (decision 0165). One name per text:
 * pg refuses a name reused for another text on the same connection.
 */
export const prepared =
  (name: string, text: string) =>
  (values: unknown[]): pg.QueryConfig => ({ name, text, values });
