import { setTimeout as sleep } from 'node:timers/promises';
import { partitionFor } from '@suite/bus';
import { forOrg } from '@suite/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppliedRow, type BusFixture, busFixture, type TransportName, waitFor } from './bus-fixture';
import { spawnBusChild } from './child-process';

// Fewer partitions than keys, so some keys share the poison event's partition and must flow past it.
const PARTITIONS = 4;

/** Per item, the seqs in the order they were applied. */
function seqsByItem(rows: AppliedRow[]): Record<string, number[]> {
  const byItem: Record<string, number[]> = {};
  for (const row of rows) byItem[row.item_id] = [...(byItem[row.item_id] ?? []), row.seq];
  return byItem;
}

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * The bus's promises, checked the same way on both transports (ARCHITECTURE: one transport contract).
 * Each test gets its own database and its own topic.
 */
export function transportContract(transport: TransportName): void {
  describe(`transport contract: ${transport}`, () => {
    let fx: BusFixture;
    beforeEach(async () => {
      fx = await busFixture(transport, PARTITIONS);
    });
    afterEach(() => fx?.close());

    const waitApplied = (count: number, timeoutMs = 30_000) =>
      waitFor(
        `${count} applied events`,
        async () => {
          const rows = await fx.applied();
          return rows.length >= count && rows;
        },
        timeoutMs,
      );

    const lagOf = async (group: string) => {
      const status = await fx.ops.status();
      const partitions = status.groups.find((g) => g.group === group)?.partitions ?? [];
      return partitions.length ? partitions.reduce((sum, p) => sum + p.lag, 0n) : undefined;
    };

    it('keeps per-key order under concurrent publishers, applying different keys concurrently', async () => {
      const bus = fx.createBus();
      bus.startRelay();
      let running = 0;
      let mostAtOnce = 0;
      await bus.subscribe(
        fx.recorder('order', 'main', async () => {
          mostAtOnce = Math.max(mostAtOnce, ++running);
          await sleep(3);
          running--;
        }),
      );
      const items = ['a', 'b', 'c', 'd', 'e', 'f'];
      await Promise.all(
        Array.from({ length: 6 }, async (_, publisher) => {
          for (let i = 0; i < 20; i++) await fx.publish(items[(publisher + i) % items.length] as string);
        }),
      );
      const rows = await waitApplied(120);
      const byItem = seqsByItem(rows);
      for (const item of items) expect(byItem[item], `order of ${item}`).toEqual(oneTo(20));
      expect(new Set(rows.map((row) => row.event_id)).size).toBe(120);
      expect(mostAtOnce).toBeGreaterThan(1);
    });

    it('loses and double-applies nothing when a consumer process is SIGKILLed mid-batch and restarted', async () => {
      fx.createBus().startRelay();
      const items = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
      for (let i = 0; i < 150; i++) await fx.publish(items[i % items.length] as string);
      const args = ['consumer', fx.events.producer, 'crash'];
      const env = { ...fx.childEnv, HANDLE_DELAY_MS: '15' };
      const first = spawnBusChild(args, env);
      await first.waitForLine('ready');
      await waitApplied(30);
      await first.kill('SIGKILL');
      const atKill = (await fx.applied()).length;
      expect(atKill).toBeLessThan(150);

      const second = spawnBusChild(args, env);
      await second.waitForLine('ready');
      const rows = await waitApplied(150, 60_000);
      await waitFor(
        'the restarted consumer to commit everything',
        async () => (await lagOf(fx.events.group('crash'))) === 0n,
      );
      await second.kill('SIGTERM');
      const final = await fx.applied();
      expect(final).toHaveLength(150);
      expect(new Set(final.map((row) => row.event_id)).size).toBe(150);
      for (const item of items) expect(seqsByItem(rows)[item]).toEqual(oneTo(25));
      expect(new Set(final.map((row) => row.handled_by)).size).toBe(2);
    });

    // Also what a crash between a batch's database commit and its offset commit leaves behind: the
    // effects and inbox rows committed, the offsets not, so the records come again.
    it('changes nothing when the same events are delivered again', async () => {
      const bus = fx.createBus();
      bus.startRelay();
      for (let i = 0; i < 20; i++) await fx.publish(`r${i % 4}`);
      let handled = 0;
      const recorder = fx.recorder('redeliver', 'main', async () => {
        handled++;
      });
      const first = await bus.subscribe(recorder);
      await waitApplied(20);
      await waitFor('offsets committed', async () => (await lagOf(recorder.group)) === 0n);
      await first.stop();
      expect(handled).toBe(20);

      await fx.rewind(recorder.group);
      expect(await lagOf(recorder.group)).toBe(20n);
      await bus.subscribe(recorder);
      await waitFor(
        'the redelivered events to be consumed',
        async () => (await lagOf(recorder.group)) === 0n,
      );
      expect(handled).toBe(20);
      expect(await fx.applied()).toHaveLength(20);
    });

    it('delivers the event of a transaction that commits after later ones', async () => {
      const bus = fx.createBus();
      bus.startRelay();
      await bus.subscribe(fx.recorder('late'));
      let commit: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        commit = resolve;
      });
      let published!: () => void;
      const lateInOutbox = new Promise<void>((resolve) => {
        published = resolve;
      });
      const lateTx = forOrg(fx.database.db.app, fx.orgId).transaction(
        async (tx) => {
          await fx.publishIn(tx, 'late');
          published();
          await held;
        },
        { timeout: 60_000 },
      );
      await lateInOutbox;
      for (let i = 0; i < 20; i++) await fx.publish(`early-${i % 5}`);
      const rows = await waitApplied(20);
      expect(rows.map((row) => row.item_id)).not.toContain('late');
      commit();
      await lateTx;
      const after = await waitApplied(21);
      expect(after.filter((row) => row.item_id === 'late')).toHaveLength(1);
    });

    it('dead-letters a poison event after N attempts while other keys flow, then replays it once fixed', async () => {
      const bus = fx.createBus();
      bus.startRelay();
      let broken = true;
      let attempts = 0;
      const recorder = fx.recorder('poison', 'main', async (itemId) => {
        if (itemId !== 'poison') return;
        attempts++;
        if (broken) throw new Error('poison pill: cannot apply this item');
      });
      await bus.subscribe({ ...recorder, retry: { attempts: 4, initialDelayMs: 400, maxDelayMs: 5000 } });
      const poisonId = await fx.publish('poison');
      for (let i = 0; i < 10; i++) await fx.publish(`other-${i}`);

      const flowed = await waitApplied(10);
      expect(flowed.map((row) => row.item_id)).not.toContain('poison');
      const deadYet = await fx.sql.query('SELECT 1 FROM bus.dead_letter');
      expect(deadYet.rowCount, 'other keys flowed while the poison event was still retrying').toBe(0);

      const dead = await waitFor('the poison event to be dead-lettered', async () => {
        const list = await fx.ops.listDeadLetters({ group: recorder.group });
        return list.length === 1 && list[0];
      });
      expect(dead).toMatchObject({ eventId: poisonId, reason: 'handler-failed', attempts: 4, key: 'poison' });
      expect(dead.error).toContain('poison pill: cannot apply this item');
      expect(attempts).toBe(4);
      const shown = await fx.ops.showDeadLetter(dead.id);
      expect(shown?.envelope, 'dead letter keeps the envelope unchanged').toEqual(fx.published(poisonId));

      broken = false;
      expect(await fx.ops.replay({ id: dead.id })).toEqual([dead.id]);
      await waitFor('the replayed event to be applied', async () =>
        (await fx.applied()).some((row) => row.item_id === 'poison'),
      );
      await waitFor(
        'the dead letter to be marked replayed',
        async () => (await fx.ops.showDeadLetter(dead.id))?.replayedAt,
      );
      expect(await fx.ops.listDeadLetters({ group: recorder.group })).toEqual([]);
      expect((await fx.applied()).filter((row) => row.item_id === 'poison')).toHaveLength(1);
    });

    it('applies a batch whose handler fails midway: the others once, the failing event retried and dead-lettered alone', async () => {
      // Published before the group starts, so each partition's events arrive as one batch.
      const items = Array.from({ length: 8 }, (_, i) => `m${i}`);
      for (let round = 0; round < 5; round++) for (const item of items) await fx.publish(item);
      const bus = fx.createBus();
      bus.startRelay();
      await waitFor('the relay to publish', async () => (await fx.ops.status()).relay.backlog === 0);
      let badCalls = 0;
      const recorder = fx.recorder('midway', 'main', async (itemId) => {
        // m3's first event fails on every attempt; its later events apply.
        if (itemId !== 'm3' || badCalls === 3) return;
        badCalls++;
        throw new Error('cannot apply m3');
      });
      await bus.subscribe(recorder);
      const dead = await waitFor('m3 to be dead-lettered', async () => {
        const list = await fx.ops.listDeadLetters({ group: recorder.group });
        return list.length > 0 && list;
      });
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ key: 'm3', reason: 'handler-failed', attempts: 3 });
      expect(badCalls, 'the batch try counts as the first of 3 attempts').toBe(3);
      // m3's later events waited behind it (per-key order) and are applied once it is dead-lettered.
      const rows = await waitApplied(items.length * 5 - 1);
      await waitFor('offsets committed', async () => (await lagOf(recorder.group)) === 0n);
      expect(await fx.applied()).toHaveLength(items.length * 5 - 1);
      expect(new Set(rows.map((row) => row.event_id)).size).toBe(rows.length);
      for (const item of items.filter((item) => item !== 'm3'))
        expect(seqsByItem(rows)[item], item).toEqual(oneTo(5));
      expect(seqsByItem(rows).m3).toEqual([2, 3, 4, 5]);
    });

    it('applies batches of one org from several partitions in shared transactions, each event once and in order', async () => {
      // Two items in each partition, published before the group starts, so every partition has a batch
      // at once. A group runs two transactions of an org at once, and an item's first event takes a
      // while, so the partitions' batches must share transactions.
      const candidates = Array.from({ length: 64 }, (_, i) => `s${i}`);
      const items = Array.from({ length: PARTITIONS }, (_, p) =>
        candidates.filter((item) => partitionFor(item, PARTITIONS) === p).slice(0, 2),
      ).flat();
      expect(items).toHaveLength(2 * PARTITIONS);
      for (let round = 0; round < 3; round++) for (const item of items) await fx.publish(item);
      const bus = fx.createBus();
      bus.startRelay();
      await waitFor('the relay to publish', async () => (await fx.ops.status()).relay.backlog === 0);
      const waited = new Set<string>();
      const recorder = fx.recorder('shared', 'main', async (itemId) => {
        if (waited.has(itemId)) return;
        waited.add(itemId);
        await sleep(300);
      });
      await bus.subscribe(recorder);
      const rows = await waitApplied(items.length * 3);
      await waitFor('offsets committed', async () => (await lagOf(recorder.group)) === 0n);
      const transactions = new Set(rows.map((row) => row.tx));
      expect(transactions.size, 'fewer transactions than partitions').toBeLessThan(PARTITIONS);
      expect(new Set(rows.map((row) => row.event_id)).size).toBe(rows.length);
      for (const item of items) expect(seqsByItem(rows)[item], item).toEqual(oneTo(3));
    });

    it('dead-letters an invalid payload at once with its validation error', async () => {
      const bus = fx.createBus();
      bus.startRelay();
      let handled = 0;
      const recorder = fx.recorder('invalid', 'main', async () => {
        handled++;
      });
      await bus.subscribe(recorder);
      // A producer outside this SDK (or on an older contract) wrote data that breaks the contract.
      const validId = await fx.publish('valid');
      const badId = '01900000-0000-7000-8000-000000000001';
      await fx.writeForeign(fx.published(validId), { id: badId, key: 'bad', data: { itemId: '', seq: -1 } });
      const dead = await waitFor('the invalid event to be dead-lettered', async () => {
        const list = await fx.ops.listDeadLetters({ group: recorder.group });
        return list.length === 1 && list[0];
      });
      expect(dead).toMatchObject({ eventId: badId, reason: 'invalid-payload', attempts: 0 });
      const shown = await fx.ops.showDeadLetter(dead.id);
      expect(shown?.error).toMatch(/data does not match its contract/);
      expect(shown?.error).toMatch(/itemId/);
      expect(shown?.error).toMatch(/seq/);
      // The valid event may sit in another partition, applied after the dead letter is written.
      await waitApplied(1);
      expect(handled).toBe(1);
    });

    it('applies once an event whose id its producer wrote in upper case', async () => {
      const bus = fx.createBus();
      bus.startRelay();
      let handled = 0;
      const recorder = fx.recorder('upper', 'main', async () => {
        handled++;
      });
      await bus.subscribe(recorder);
      // A producer outside this SDK (SQL Server's NEWID() is one) writes its UUIDs in upper case, which
      // RFC 9562 allows; PostgreSQL answers them in lower case.
      const like = fx.published(await fx.publish('lower'));
      const upperId = '01900000-0000-7000-8000-00000000ABCD';
      await fx.writeForeign(like, { id: upperId, key: 'upper', data: { itemId: 'upper', seq: 1 } });
      const rows = await waitApplied(2);
      expect(rows.map((row) => row.event_id).sort()).toContain(upperId.toLowerCase());
      await waitFor('offsets committed', async () => (await lagOf(recorder.group)) === 0n);
      expect(handled).toBe(2);
    });

    // A relay whose commit failed after the broker had its batch sends it again (0160), and a lagging
    // consumer then fetches both copies in one batch.
    it('applies once an event delivered several times within one batch', async () => {
      const bus = fx.createBus();
      bus.startRelay();
      const envelope = fx.published(await fx.publish('twice'));
      const client = await fx.sql.connect();
      try {
        await client.query('BEGIN');
        const again = { topic: fx.events.topic, key: envelope.partitionkey, event: JSON.stringify(envelope) };
        await bus.transport.publish([again, again], client);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      let handled = 0;
      const recorder = fx.recorder('twice', 'main', async () => {
        handled++;
      });
      await bus.subscribe(recorder);
      await waitFor('all three copies consumed', async () => (await lagOf(recorder.group)) === 0n);
      expect((await fx.applied()).map((row) => row.event_id)).toEqual([envelope.id]);
      expect(handled).toBe(1);
    });

    it('fails over to the standby relay when the active relay process is killed', async () => {
      const active = spawnBusChild(['relay', fx.events.producer], fx.childEnv);
      await active.waitForLine('active');
      const bus = fx.createBus();
      const standby = bus.startRelay();
      await waitFor('the second relay to stand by', async () => standby.state === 'standby');
      await bus.subscribe(fx.recorder('failover'));
      for (let i = 0; i < 10; i++) await fx.publish(`f${i % 3}`);
      await waitApplied(10);
      expect(standby.state).toBe('standby');

      await active.kill('SIGKILL');
      for (let i = 0; i < 10; i++) await fx.publish(`f${i % 3}`);
      const rows = await waitApplied(20);
      expect(standby.state).toBe('active');
      expect(new Set(rows.map((row) => row.event_id)).size).toBe(20);
      for (const [item, seqs] of Object.entries(seqsByItem(rows)))
        expect(seqs, item).toEqual(oneTo(seqs.length));
    });

    it('shares a group’s partitions between instances', async () => {
      const one = fx.createBus();
      one.startRelay();
      const two = fx.createBus();
      await one.subscribe(fx.recorder('shared', 'one'));
      await two.subscribe(fx.recorder('shared', 'two'));
      const items = Array.from({ length: 16 }, (_, i) => `s${i}`);
      for (let round = 0; round < 5; round++) {
        for (const item of items) await fx.publish(item);
        await sleep(400);
      }
      const rows = await waitApplied(80);
      await sleep(300);
      expect(await fx.applied()).toHaveLength(80);
      expect(new Set(rows.map((row) => row.handled_by))).toEqual(new Set(['one', 'two']));
      for (const item of items) expect(seqsByItem(rows)[item]).toEqual(oneTo(5));
    });

    it('pauses and resumes a group on an operator’s command', async () => {
      const bus = fx.createBus();
      bus.startRelay();
      const recorder = fx.recorder('paused');
      await bus.subscribe(recorder);
      await fx.publish('p');
      await waitApplied(1);
      await fx.ops.pause(recorder.group);
      await sleep(500);
      for (let i = 0; i < 5; i++) await fx.publish('p');
      await waitFor('the relay to publish', async () => (await fx.ops.status()).relay.backlog === 0);
      await sleep(1000);
      expect(await fx.applied()).toHaveLength(1);
      expect((await fx.ops.status()).groups.find((g) => g.group === recorder.group)?.paused).toBe(true);
      await fx.ops.resume(recorder.group);
      const rows = await waitApplied(6);
      expect(seqsByItem(rows).p).toEqual(oneTo(6));
    });
  });
}
