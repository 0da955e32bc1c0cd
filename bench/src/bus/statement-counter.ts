import pg from 'pg';

/** What this process sent to PostgreSQL through the `pg` driver (Prisma's adapter included). */
export interface StatementCounts {
  readonly statements: number;
  /** Explicit COMMITs plus writes sent outside a transaction: the commits that flush the WAL. */
  readonly commits: number;
}

const inTransaction = new WeakSet<object>();
const counts = { statements: 0, commits: 0 };
let installed = false;

/**
 * Counts every statement of every `pg` client in this process from now on: a load-independent measure
 * of the work per event, unlike timings on a shared machine. Returns the running totals.
 */
export function countStatements(): () => StatementCounts {
  if (!installed) {
    installed = true;
    const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: object, ...args: unknown[]) {
      const first = args[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string })?.text ?? '');
      counts.statements++;
      if (/^\s*BEGIN/i.test(text)) inTransaction.add(this);
      else if (/^\s*(COMMIT|ROLLBACK)/i.test(text)) {
        if (/^\s*COMMIT/i.test(text)) counts.commits++;
        inTransaction.delete(this);
      } else if (!inTransaction.has(this) && /^\s*(INSERT|UPDATE|DELETE)/i.test(text)) counts.commits++;
      return query.apply(this, args);
    } as typeof pg.Client.prototype.query;
  }
  return () => ({ ...counts });
}

/** Per event between two readings. */
export function perEvent(before: StatementCounts, after: StatementCounts, events: number) {
  return {
    statements: (after.statements - before.statements) / events,
    commits: (after.commits - before.commits) / events,
  };
}
