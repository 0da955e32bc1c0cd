import pg from 'pg';

/**
 * Counts queries sent on a pg client while an earlier one on it has not settled, until `restore()`:
 * pg 8 queues such a query and warns once per process, pg 9 rejects it (decision 0163).
 */
export function countOverlappingQueries(): { overlaps(): number; restore(): void } {
  const original = pg.Client.prototype.query;
  const pending = new WeakMap<object, number>();
  let overlaps = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const before = pending.get(this) ?? 0;
    if (before > 0) overlaps++;
    pending.set(this, before + 1);
    const settled = () => pending.set(this, (pending.get(this) ?? 1) - 1);
    const result = (original as (...a: unknown[]) => Promise<unknown> | undefined).apply(this, args);
    // A query given a callback returns nothing: it is not counted (pg's pool sends those on its own clients).
    if (result) result.then(settled, settled);
    else settled();
    return result;
  } as typeof original;
  return {
    overlaps: () => overlaps,
    restore: () => {
      pg.Client.prototype.query = original;
    },
  };
}
