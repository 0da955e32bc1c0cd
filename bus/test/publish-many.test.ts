import { createManyPublisher, createPublisher } from '@suite/bus';
import { forOrg } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusFixture, busFixture } from './support/bus-fixture';

let fx: BusFixture;
beforeAll(async () => {
  fx = await busFixture('postgres');
});
afterAll(() => fx?.close());

const shuffled = <T>(items: T[]) =>
  items
    .map((item) => ({ item, order: Math.random() }))
    .sort((a, b) => a.order - b.order)
    .map(({ item }) => item);

describe('publishMany(tx, events)', () => {
  it('never deadlocks: 1,000 concurrent ten-key transactions over 50 keys, keys in random order', async () => {
    const publishMany = createManyPublisher(fx.events.catalog);
    const keys = Array.from({ length: 50 }, (_, i) => `key-${i}`);
    const type = fx.events.itemChanged.type;
    // As many at once as the app pool has connections: every transaction holds one while it waits.
    const failures: unknown[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let n = next++; n < 1000; n = next++) {
          const events = shuffled(keys)
            .slice(0, 10)
            .map((itemId) => ({ type, data: { itemId, seq: n } }));
          await forOrg(fx.database.db.app, fx.orgId)
            .transaction((tx) => publishMany(tx, events))
            .catch((error: unknown) => failures.push(error));
        }
      }),
    );
    expect(failures.map(String).slice(0, 3)).toEqual([]);
    const { rows } = await fx.sql.query<{ n: number; keys: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT aggregateid)::int AS keys FROM bus.outbox',
    );
    expect(rows[0]).toEqual({ n: 10_000, keys: 50 });
  });

  it('writes the events in the given order, in one insert, with one envelope each', async () => {
    const publishMany = createManyPublisher(fx.events.catalog);
    const type = fx.events.itemChanged.type;
    const envelopes = await forOrg(fx.database.db.app, fx.orgId).transaction((tx) =>
      publishMany(tx, [
        { type, data: { itemId: 'z', seq: 1 } },
        { type, data: { itemId: 'a', seq: 2 } },
        { type, data: { itemId: 'z', seq: 3 } },
      ]),
    );
    const { rows } = await fx.sql.query(
      'SELECT id, aggregateid, payload FROM bus.outbox WHERE id = ANY($1) ORDER BY seq',
      [envelopes.map((envelope) => envelope.id)],
    );
    expect(rows).toEqual(
      envelopes.map((envelope) => ({
        id: envelope.id,
        aggregateid: envelope.partitionkey,
        payload: envelope.data,
      })),
    );
    expect(envelopes.map((envelope) => envelope.orgid)).toEqual([fx.orgId, fx.orgId, fx.orgId]);
  });

  it('runs a deadlocked one-at-a-time transaction again, so neither caller sees the deadlock', async () => {
    const publish = createPublisher(fx.events.catalog);
    const type = fx.events.itemChanged.type;
    // Two transactions take the same two keys' locks in opposite orders, each waiting for the other
    // to hold its first lock: PostgreSQL aborts one of them (40P01), and forOrg runs it again.
    let holding = 0;
    let runs = 0;
    const bothHold = async () => {
      holding++;
      while (holding < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    const crossing = (first: string, second: string) =>
      forOrg(fx.database.db.app, fx.orgId).transaction(
        async (tx) => {
          runs++;
          await publish(tx, { type, data: { itemId: first, seq: 1 } });
          if (runs <= 2) await bothHold();
          await publish(tx, { type, data: { itemId: second, seq: 2 } });
        },
        { timeout: 20_000 },
      );
    await Promise.all([crossing('left', 'right'), crossing('right', 'left')]);
    expect(runs, 'one of the two ran again').toBe(3);
    const { rows } = await fx.sql.query(
      "SELECT count(*)::int AS n FROM bus.outbox WHERE aggregateid IN ('left', 'right')",
    );
    expect(rows[0].n).toBe(4);
  });
});
