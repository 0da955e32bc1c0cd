import { setTimeout as sleep } from 'node:timers/promises';
import { createManyPublisher } from '@suite/bus';
import { forOrg } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busFixture, waitFor } from './support/bus-fixture';
import { type OwnPostgres, startOwnPostgres } from './support/own-postgres';

const KEYS = 40;
const PER_KEY = 30;

let server: OwnPostgres;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  server = await startOwnPostgres();
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await server?.stop();
});

describe.each(['postgres', 'kafka'] as const)('PostgreSQL crashes mid-burst (%s transport)', (transport) => {
  it('pauses for the 10 s outage, then applies everything exactly once and in order, with no partition stuck', async () => {
    const fx = await busFixture(transport, 4, { database: await server.database() });
    try {
      const publishMany = createManyPublisher(fx.events.catalog);
      const type = fx.events.itemChanged.type;
      for (let seq = 1; seq <= PER_KEY; seq++) {
        const events = Array.from({ length: KEYS }, (_, k) => ({ type, data: { itemId: `k${k}`, seq } }));
        await forOrg(fx.database.db.app, fx.orgId).transaction((tx) => publishMany(tx, events));
      }
      const bus = fx.createBus();
      bus.startRelay();
      const recorder = fx.recorder('crash', 'main', () => sleep(2));
      await bus.subscribe(recorder);
      await waitFor('a part of the burst to be applied', async () => (await fx.applied()).length >= 200);

      const total = KEYS * PER_KEY;
      expect((await fx.applied()).length, 'the crash comes mid-burst').toBeLessThan(total);
      await server.crash();
      await sleep(10_000);
      await server.restart();

      const rows = await waitFor(
        'every event applied after the restart',
        async () => {
          const applied = await fx.applied();
          return applied.length >= total && applied;
        },
        60_000,
      );
      await waitFor('every partition committed to the end', async () => {
        const group = (await fx.ops.status()).groups.find((g) => g.group === recorder.group);
        return group?.partitions.length && group.partitions.every((p) => p.lag === 0n);
      });
      expect(rows).toHaveLength(total);
      expect(new Set(rows.map((row) => row.event_id)).size).toBe(total);
      const byItem = new Map<string, number[]>();
      for (const row of rows) byItem.set(row.item_id, [...(byItem.get(row.item_id) ?? []), row.seq]);
      for (const seqs of byItem.values())
        expect(seqs).toEqual(Array.from({ length: PER_KEY }, (_, i) => i + 1));
      const dead = await fx.sql.query('SELECT count(*)::int AS n FROM bus.dead_letter');
      expect(dead.rows[0].n, 'nothing dead-lettered because of the outage').toBe(0);
      expect(rejections.map(String)).toEqual([]);
    } finally {
      await fx.close();
    }
  });
});
