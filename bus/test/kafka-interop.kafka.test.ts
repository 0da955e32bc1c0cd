import { CloudEvent, Kafka as CloudEventsKafka } from 'cloudevents';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusFixture, busFixture, waitFor } from './support/bus-fixture';

let fx: BusFixture;
beforeAll(async () => {
  fx = await busFixture('kafka');
});
afterAll(() => fx?.close());

describe('Kafka messages are plain CloudEvents (binary mode)', () => {
  it('can be read by a plain kafkajs consumer and parsed by the cloudevents SDK', async () => {
    fx.createBus().startRelay();
    const eventId = await fx.publish('interop-1');
    const outbox = await waitFor('the relay to publish the event', async () => {
      const result = await fx.sql.query(
        'SELECT attributes, payload FROM bus.outbox WHERE id = $1 AND published_at IS NOT NULL',
        [eventId],
      );
      return result.rowCount === 1 && result;
    });
    const { attributes, payload } = outbox.rows[0];

    const consumer = new Kafka({ brokers: fx.kafkaBrokers as string[], logLevel: logLevel.NOTHING }).consumer(
      {
        groupId: `${fx.events.producer}.plain-reader`,
        maxWaitTimeInMs: 100,
      },
    );
    const received: { key: string; headers: Record<string, string>; value: string }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [fx.events.topic], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const headers = Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
          );
          received.push({ key: String(message.key), headers, value: String(message.value) });
        },
      });
      await waitFor('the plain consumer to receive the event', async () => received.length === 1);
    } finally {
      await consumer.disconnect();
    }

    const [message] = received;
    expect(message?.key).toBe('interop-1');
    expect(JSON.parse(message?.value ?? '')).toEqual(payload);
    const event = CloudEventsKafka.toEvent(message as never) as CloudEvent<unknown>;
    expect(event).toBeInstanceOf(CloudEvent);
    expect(event.validate()).toBe(true);
    expect({
      specversion: event.specversion,
      id: event.id,
      source: event.source,
      type: event.type,
      subject: event.subject,
      time: event.time,
      datacontenttype: event.datacontenttype,
      dataschema: event.dataschema,
      orgid: event.orgid,
      traceparent: event.traceparent,
      partitionkey: event.partitionkey,
    }).toEqual(attributes);
    expect(event.data).toEqual(payload);
  });

  it('dead-letters a message that is not a CloudEvent, keeping what was received', async () => {
    const recorder = fx.recorder('foreign');
    await fx.createBus().subscribe(recorder);
    const producer = new Kafka({
      brokers: fx.kafkaBrokers as string[],
      logLevel: logLevel.NOTHING,
    }).producer();
    await producer.connect();
    await producer.send({ topic: fx.events.topic, messages: [{ key: 'foreign', value: 'not json' }] });
    await producer.disconnect();
    const dead = await waitFor('the foreign message to be dead-lettered', async () => {
      const list = await fx.ops.listDeadLetters({ group: recorder.group });
      return list.length === 1 && list[0];
    });
    expect(dead).toMatchObject({ reason: 'invalid-envelope', attempts: 0, key: 'foreign' });
    const shown = await fx.ops.showDeadLetter(dead.id);
    expect(shown?.envelope).toEqual({ headers: {}, value: 'not json' });
    expect(shown?.error).toMatch(/not a CloudEvents binary-mode message/);
  });
});
