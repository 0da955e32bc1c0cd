import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusFixture, busFixture, waitFor } from './support/bus-fixture';

let fx: BusFixture;
beforeAll(async () => {
  fx = await busFixture('postgres');
});
afterAll(() => fx?.close());

describe('relay', () => {
  it('deletes outbox rows as it publishes them, and prunes log entries and inbox rows after the retention window', async () => {
    const count = async (table: string) =>
      (await fx.sql.query(`SELECT count(*)::int AS n FROM bus.${table}`)).rows[0].n;
    for (let i = 0; i < 5; i++) await fx.publish(`p${i}`);
    // Counted before the relay starts: unpublished rows stay however slow the machine is.
    expect(await count('outbox')).toBe(5);
    const bus = fx.createBus({ retentionMs: 60_000, pruneEveryMs: 100 });
    bus.startRelay();
    await bus.subscribe(fx.recorder('prune'));
    await waitFor('the events to be applied', async () => (await fx.applied()).length === 5);
    // Long before any retention window: the rows went in the transaction that appended them to the log.
    expect(await count('outbox')).toBe(0);
    expect(await count('log')).toBe(5);
    await bus.close();

    const pruning = fx.createBus({ retentionMs: 1500, pruneEveryMs: 100 });
    pruning.startRelay();
    await waitFor(
      'log and inbox rows to be pruned',
      async () => (await count('log')) + (await count('inbox')) === 0,
    );
  });
});
