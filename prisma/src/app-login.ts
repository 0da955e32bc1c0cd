import { createHmac } from 'node:crypto';
import pg from 'pg';
import { withAdminClient } from './admin';
import { DB_ROLES } from './client';
import { rolesSql } from './migrations/tenancy-sql';

/**
 * Where the app's pool logs in when no login of its own is configured: as `suite_app` itself, on the
 * owner's server and database, with a password derived from the owner's (none when the owner has none,
 * so it logs in exactly where a passwordless owner can). Every process given the same owner URL
 * derives the same password, so processes of one deployment never rotate it under each other.
 */
export function appLoginUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  const ownerPassword = decodeURIComponent(url.password);
  url.username = DB_ROLES.app;
  url.password = ownerPassword
    ? createHmac('sha256', ownerPassword).update(`${DB_ROLES.app} login`).digest('base64url')
    : '';
  return url.toString();
}

/** PostgreSQL's answers to a login it refuses (wrong password, no LOGIN, no such role); others are errors. */
const LOGIN_REFUSED = new Set(['28P01', '28000']);

async function logsIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (LOGIN_REFUSED.has((error as { code?: string }).code ?? '')) return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

// Any fixed number: concurrent ALTER ROLE on one role fails ("tuple concurrently updated").
const PROVISIONING_LOCK = 72_707_370;

/**
 * Lets `suite_app` log in with `appLoginUrl(ownerUrl)`'s password unless it already can, and returns that
 * URL. A session that logged in as `suite_app` holds no other role: unlike the owner switching roles,
 * it cannot `RESET ROLE` or `SET ROLE` its way past row-level security.
 */
export async function ensureAppLogin(ownerUrl: string): Promise<string> {
  const appUrl = appLoginUrl(ownerUrl);
  if (await logsIn(appUrl)) return appUrl;
  const password = new URL(appUrl).password;
  const owner = decodeURIComponent(new URL(ownerUrl).username);
  await withAdminClient(ownerUrl, async (client) => {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [PROVISIONING_LOCK]);
    await client.query(rolesSql());
    const secret = password ? client.escapeLiteral(decodeURIComponent(password)) : 'NULL';
    await client.query(`ALTER ROLE ${DB_ROLES.app} LOGIN PASSWORD ${secret}`);
    await client.query('COMMIT');
  }).catch((error: Error) => {
    throw new Error(
      `cannot let ${DB_ROLES.app} log in for the app's pool as ${owner}: ${error.message}. ` +
        `Give that user CREATEROLE, or set DATABASE_APP_URL to a login whose only role is ${DB_ROLES.app}.`,
    );
  });
  if (!(await logsIn(appUrl)))
    throw new Error(
      `${DB_ROLES.app} may log in now, but the server refuses it (pg_hba.conf or a passwordless owner URL); ` +
        `set DATABASE_APP_URL to a login whose only role is ${DB_ROLES.app}.`,
    );
  return appUrl;
}
