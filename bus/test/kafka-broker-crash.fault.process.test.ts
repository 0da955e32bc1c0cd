import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusFixture, busFixture, waitFor } from './support/bus-fixture';
import { type OwnKafka, startOwnKafka } from './support/own-kafka';

// A broker of this file's own, on a port no other suite uses: the test kills it.
const PORT = Number(process.env.BUS_FAULT_KAFKA_PORT ?? 19150);

let kafka: OwnKafka;
let fx: BusFixture;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  kafka = startOwnKafka(PORT);
  fx = await busFixture('kafka', 4, { kafkaBrokers: kafka.brokers });
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await fx?.close().catch(() => {});
  kafka?.stop();
});

describe('Kafka broker killed (kill -9) and restarted', () => {
  it('resumes consumption within 10 s of the broker being ready, exactly once and in order', async () => {
    const bus = fx.createBus();
    bus.startRelay();
    await bus.subscribe(fx.recorder('broker-crash'));
    const items = Array.from({ length: 8 }, (_, i) => `b${i}`);
    for (const item of items) await fx.publish(item);
    await waitFor('the first wave', async () => (await fx.applied()).length === items.length);

    kafka.kill();
    for (let round = 0; round < 5; round++) for (const item of items) await fx.publish(item);
    await sleep(2000);
    kafka.restart();
    const total = items.length * 6;
    await waitFor('consumption to resume', async () => (await fx.applied()).length > items.length, 10_000);
    const rows = await waitFor('every event', async () => {
      const applied = await fx.applied();
      return applied.length >= total && applied;
    });
    expect(new Set(rows.map((row) => row.event_id)).size).toBe(total);
    for (const item of items)
      expect(rows.filter((row) => row.item_id === item).map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rejections.map(String)).toEqual([]);
  });
});
