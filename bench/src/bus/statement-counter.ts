import pg from 'pg';

/** What was sent to PostgreSQL through the `pg` driver (Prisma's adapter included). */
export interface StatementCounts {
  readonly statements: number;
  /** COMMITs of transactions that wrote, plus writes sent outside a transaction: WAL-flushing commits. */
  readonly commits: number;
}

/** The relay's connection (its empty polls depend on time, not events) apart from everything else. */
export interface ProcessCounts {
  readonly relay: StatementCounts;
  readonly other: StatementCounts;
  /** The process's CPU time so far (user and system): per event, it holds on a loaded machine too. */
  readonly cpuMs: number;
}

const RELAY_APPLICATION = 'suite-bus-relay';
/** Connections the bench itself opens to look (`application_name` starting so) are not counted. */
export const UNCOUNTED_PREFIX = 'bench-probe';
const WRITE = /^\s*(WITH\b[\s\S]*\b)?(INSERT|UPDATE|DELETE)\b/i;

interface ClientState {
  inTransaction: boolean;
  wrote: boolean;
}

const states = new WeakMap<object, ClientState>();
const counts = { relay: { statements: 0, commits: 0 }, other: { statements: 0, commits: 0 } };
let installed = false;

function count(client: pg.Client, text: string): void {
  const state = states.get(client) ?? { inTransaction: false, wrote: false };
  states.set(client, state);
  const application =
    (client as unknown as { connectionParameters?: { application_name?: string } }).connectionParameters
      ?.application_name ?? '';
  if (application.startsWith(UNCOUNTED_PREFIX)) return;
  const bucket = application === RELAY_APPLICATION ? counts.relay : counts.other;
  bucket.statements++;
  if (/^\s*BEGIN/i.test(text)) Object.assign(state, { inTransaction: true, wrote: false });
  else if (/^\s*(COMMIT|ROLLBACK)/i.test(text)) {
    if (state.wrote && /^\s*COMMIT/i.test(text)) bucket.commits++;
    Object.assign(state, { inTransaction: false, wrote: false });
  } else if (WRITE.test(text)) {
    if (state.inTransaction) state.wrote = true;
    else bucket.commits++;
  }
}

/**
 * Counts every statement of every `pg` client in this process from now on: a measure of the work per
 * event that holds on a loaded machine, unlike timings. Returns the running totals.
 */
export function countStatements(): () => ProcessCounts {
  if (!installed) {
    installed = true;
    const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0];
      count(this, typeof first === 'string' ? first : ((first as { text?: string })?.text ?? ''));
      return query.apply(this, args);
    } as typeof pg.Client.prototype.query;
  }
  return () => {
    const cpu = process.cpuUsage();
    return { relay: { ...counts.relay }, other: { ...counts.other }, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
}

/** Per event between two readings. */
export function perEvent(before: StatementCounts, after: StatementCounts, events: number) {
  return {
    statements: (after.statements - before.statements) / events,
    commits: (after.commits - before.commits) / events,
  };
}
