import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BusFixture, busFixture, type TransportName, waitFor } from './support/bus-fixture';
import { spawnBusChild } from './support/child-process';

describe.each(['kafka', 'postgres'] as TransportName[])(
  'a SIGKILLed consumer (%s transport)',
  (transport) => {
    let fx: BusFixture;
    beforeEach(async () => {
      fx = await busFixture(transport);
    });
    afterEach(() => fx?.close());

    it('has its partitions taken over within 15 s, with production session and lease timings', async () => {
      const env = { ...fx.childEnv, PRODUCTION_GROUP_TIMINGS: '1' };
      const args = ['consumer', fx.events.producer, 'takeover'];
      const doomed = spawnBusChild(args, env);
      const survivor = spawnBusChild(args, env);
      await Promise.all([doomed.waitForLine('ready'), survivor.waitForLine('ready')]);
      // On the log, the member that joins first holds every partition until a heartbeat sees the other.
      if (transport === 'postgres')
        await waitFor('both members to own log partitions', async () => {
          const { rows } = await fx.sql.query<{ owners: number }>(
            'SELECT count(DISTINCT owner)::int AS owners FROM bus.group_partition WHERE group_name = $1',
            [`${fx.events.producer}.takeover`],
          );
          return rows[0]?.owners === 2;
        });
      fx.createBus().startRelay();
      const items = Array.from({ length: 16 }, (_, i) => `t${i}`);
      for (const item of items) await fx.publish(item);
      const first = await waitFor('both members to apply events', async () => {
        const rows = await fx.applied();
        return rows.length === items.length && new Set(rows.map((row) => row.handled_by)).size === 2 && rows;
      });

      await doomed.kill('SIGKILL');
      for (const item of items) await fx.publish(item);
      const rows = await waitFor(
        'the survivor to apply the dead member’s partitions',
        async () => {
          const applied = await fx.applied();
          return applied.length >= items.length * 2 && applied;
        },
        15_000,
      );
      await survivor.kill('SIGTERM');
      const survivorName = rows.at(-1)?.handled_by;
      expect(rows.slice(first.length).every((row) => row.handled_by === survivorName)).toBe(true);
      expect(new Set(rows.map((row) => row.event_id)).size).toBe(items.length * 2);
      for (const item of items)
        expect(rows.filter((row) => row.item_id === item).map((row) => row.seq)).toEqual([1, 2]);
    });
  },
);
