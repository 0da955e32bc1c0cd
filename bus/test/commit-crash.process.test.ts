import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BusFixture, busFixture, type TransportName, waitFor } from './support/bus-fixture';
import { spawnBusChild } from './support/child-process';

const ITEMS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
// At most 20 events per partition: one batch each (TEST_TUNING), so its offset is the prefix.
const PER_ITEM = 5;

describe.each(['kafka', 'postgres'] as TransportName[])(
  'a consumer killed between its database commit and its offset commit (%s transport)',
  (transport) => {
    let fx: BusFixture;
    beforeEach(async () => {
      fx = await busFixture(transport);
    });
    afterEach(() => fx?.close());

    const committedTotal = async (group: string) => {
      const partitions = (await fx.ops.status()).groups.find((g) => g.group === group)?.partitions ?? [];
      return partitions.reduce((sum, p) => sum + Number(p.committed), 0);
    };

    // Two cold child processes, each joining the group: minutes on a loaded machine.
    it('leaves only records whose redelivery changes nothing', { timeout: 300_000 }, async () => {
      const total = ITEMS.length * PER_ITEM;
      for (let i = 0; i < total; i++) await fx.publish(ITEMS[i % ITEMS.length] as string);
      fx.createBus().startRelay();
      const group = fx.events.group('commit-crash');
      await waitFor('the relay to move every event', async () => {
        const { rows } = await fx.sql.query('SELECT count(*)::int AS n FROM bus.outbox');
        return rows[0].n === 0;
      });

      const args = ['consumer', fx.events.producer, 'commit-crash'];
      const doomed = spawnBusChild(args, { ...fx.childEnv, KILL_AFTER_INBOX_COMMIT: '1' });
      await doomed.exited;
      const applied = (await fx.applied()).length;
      expect(applied, 'the killed consumer committed a batch').toBeGreaterThan(0);
      const committed = await committedTotal(group);
      if (transport === 'kafka')
        expect(committed, 'Kafka commits offsets after the database: the batch comes again').toBeLessThan(
          applied,
        );
      else expect(committed, 'the log offset committed with the batch').toBe(applied);

      const second = spawnBusChild(args, fx.childEnv);
      await second.waitForLine('ready');
      await waitFor('every event applied and committed', async () => (await committedTotal(group)) === total);
      await second.kill('SIGTERM');
      const rows = await fx.applied();
      expect(rows).toHaveLength(total);
      expect(new Set(rows.map((row) => row.event_id)).size).toBe(total);
      for (const item of ITEMS)
        expect(rows.filter((row) => row.item_id === item).map((row) => row.seq)).toEqual(
          Array.from({ length: PER_ITEM }, (_, i) => i + 1),
        );
    });
  },
);
