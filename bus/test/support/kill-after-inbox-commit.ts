import pg from 'pg';

/**
 * Fault injection for a bus child: SIGKILLs the process the moment the first transaction that wrote
 * inbox rows has committed, before anything that follows the database commit (Kafka's offset commit)
 * can run. Hooks the `pg` driver, which Prisma's adapter uses, so the bus runs unchanged.
 */
export function killAfterFirstInboxCommit(): void {
  const wroteInbox = new WeakSet<object>();
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: object, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string })?.text ?? '');
    if (/INSERT INTO bus\.inbox/.test(text)) wroteInbox.add(this);
    const result = query.apply(this, args);
    if (/^\s*COMMIT/i.test(text) && wroteInbox.has(this))
      return (result as Promise<unknown>).then((value) => {
        process.kill(process.pid, 'SIGKILL');
        return value;
      });
    if (/^\s*ROLLBACK/i.test(text)) wroteInbox.delete(this);
    return result;
  } as typeof pg.Client.prototype.query;
}
