import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusFixture, busFixture, waitFor } from './support/bus-fixture';

let fx: BusFixture;
beforeAll(async () => {
  fx = await busFixture('postgres');
});
afterAll(() => fx?.close());

describe('relay', () => {
  it('prunes published outbox rows, log entries and inbox rows after the retention window', async () => {
    const count = async (table: string) =>
      (await fx.sql.query(`SELECT count(*)::int AS n FROM bus.${table}`)).rows[0].n;
    for (let i = 0; i < 5; i++) await fx.publish(`p${i}`);
    // Counted before the relay starts: unpublished rows stay however slow the machine is.
    expect(await count('outbox')).toBe(5);
    const bus = fx.createBus({ retentionMs: 1500, pruneEveryMs: 100 });
    bus.startRelay();
    await bus.subscribe(fx.recorder('prune'));
    await waitFor('the events to be applied', async () => (await fx.applied()).length === 5);
    await waitFor('published rows to be pruned', async () => (await count('outbox')) === 0);
    await waitFor(
      'log and inbox rows to be pruned',
      async () => (await count('log')) + (await count('inbox')) === 0,
    );
  });
});
