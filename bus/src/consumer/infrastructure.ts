import type pg from 'pg';
import type { Logger } from 'pino';
import type { Stopper } from './stopper';

const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATE: connection exceptions (08), shutdown and start-up (57P01-57P03), too many connections.
const UNAVAILABLE_STATES = /^(08...|57P0[1-3]|53300)$/;
// Prisma's codes for an unreachable server, a closed connection, a pool timeout, a transaction that
// lost its connection; and the pg driver's messages for a connection that went away.
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2037']);
// Prisma's driver adapter says why in `kind`, with the server's SQLSTATE as `originalCode`.
const ADAPTER_UNAVAILABLE = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
const CONNECTION_MESSAGES =
  /Connection terminated|connection error|terminating connection|Can't reach database|server closed the connection|ConnectionClosed|DatabaseNotReachable|the database system is (starting up|shutting down|in recovery mode)|connect ECONNREFUSED/i;

/** True when the error says the database could not be reached, not that the handler's work failed. */
export function isConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const fields = current as Record<string, unknown>;
    const code = typeof fields.code === 'string' ? fields.code : '';
    const state = typeof fields.originalCode === 'string' ? fields.originalCode : code;
    if (CONNECTION_ERRNOS.has(code) || UNAVAILABLE_STATES.test(state) || PRISMA_UNAVAILABLE.has(code))
      return true;
    if (ADAPTER_UNAVAILABLE.has(String(fields.kind))) return true;
    if (typeof fields.message === 'string' && CONNECTION_MESSAGES.test(fields.message)) return true;
    current =
      fields.cause ?? (fields.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
  }
  return false;
}

/** Answers whether the database takes a query right now. */
export async function databaseAnswers(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/**
 * After a failure: when the database does not answer (or the error says it went away), waits until it
 * answers again and returns true, so the caller repeats the work without counting an attempt. False
 * for a failure of the work itself. The wait ends early (still true) when the consumer stops.
 */
export async function waitOutOutage(
  error: unknown,
  pool: pg.Pool,
  stopper: Stopper,
  log: Logger,
): Promise<boolean> {
  const connection = isConnectionError(error);
  if (!connection && (await databaseAnswers(pool))) return false;
  log.warn({ err: error }, 'database unavailable; pausing until it answers');
  for (let delay = 100; !stopper.stopped && !(await databaseAnswers(pool)); delay = Math.min(delay * 2, 2000))
    await stopper.sleep(delay);
  return true;
}
