import { CloudEvent, Kafka as CloudEventsKafka } from 'cloudevents';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusFixture, busFixture, waitFor } from './support/bus-fixture';

let fx: BusFixture;
beforeAll(async () => {
  fx = await busFixture('kafka');
});
afterAll(() => fx?.close());

/** Sends messages to the test topic as another Kafka client would. */
async function sendAsOutsider(messages: Message[]): Promise<void> {
  const producer = new Kafka({ brokers: fx.kafkaBrokers as string[], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    await producer.send({ topic: fx.events.topic, messages });
  } finally {
    await producer.disconnect();
  }
}

describe('Kafka messages are plain CloudEvents (structured mode; binary mode is read too)', () => {
  it('can be read by a plain kafkajs consumer and parsed by the cloudevents SDK', async () => {
    const eventId = await fx.publish('interop-1');
    const outboxRow = 'SELECT attributes, payload FROM bus.outbox WHERE id = $1';
    const outbox = await fx.sql.query(outboxRow, [eventId]);
    expect(outbox.rowCount).toBe(1);
    const { attributes, payload } = outbox.rows[0];
    fx.createBus().startRelay();
    await waitFor(
      'the relay to delete the row it sent',
      async () => (await fx.sql.query(outboxRow, [eventId])).rowCount === 0,
    );

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
    expect(message?.headers).toEqual({ 'content-type': 'application/cloudevents+json; charset=UTF-8' });
    expect(JSON.parse(message?.value ?? '')).toEqual({ ...attributes, data: payload });
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

  it('applies a binary-mode event a sister product sent with the cloudevents SDK', async () => {
    const recorder = fx.recorder('binary');
    await fx.createBus().subscribe(recorder);
    const id = crypto.randomUUID();
    const event = new CloudEvent({
      specversion: '1.0',
      id,
      source: '/sister/product',
      type: fx.events.itemChanged.type,
      subject: 'binary-1',
      datacontenttype: 'application/json',
      dataschema: `urn:onestack:event:${fx.events.itemChanged.type}:v1`,
      orgid: fx.orgId,
      partitionkey: 'binary-1',
      data: { itemId: 'binary-1', seq: 7 },
    });
    const message = CloudEventsKafka.binary(event);
    expect(message.headers).toMatchObject({ ce_id: id, 'content-type': 'application/json' });
    // The SDK leaves attributes it does not have as undefined headers, which kafkajs cannot encode.
    const headers = Object.fromEntries(
      Object.entries(message.headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    await sendAsOutsider([{ key: 'binary-1', value: JSON.stringify(message.value), headers }]);
    const applied = await waitFor('the binary-mode event to be applied', async () => {
      const rows = (await fx.applied()).filter((row) => row.event_id === id);
      return rows.length === 1 && rows;
    });
    expect(applied[0]).toMatchObject({ item_id: 'binary-1', seq: 7, handled_by: 'test' });
    expect(await fx.ops.listDeadLetters({ group: recorder.group })).toEqual([]);
  });

  it('dead-letters a message that is not a CloudEvent, keeping what was received', async () => {
    const recorder = fx.recorder('foreign');
    await fx.createBus().subscribe(recorder);
    await sendAsOutsider([{ key: 'foreign', value: 'not json' }]);
    const dead = await waitFor('the foreign message to be dead-lettered', async () => {
      const list = await fx.ops.listDeadLetters({ group: recorder.group });
      return list.length === 1 && list[0];
    });
    expect(dead).toMatchObject({ reason: 'invalid-envelope', attempts: 0, key: 'foreign' });
    const shown = await fx.ops.showDeadLetter(dead.id);
    expect(shown?.envelope).toEqual({ headers: {}, value: 'not json' });
    expect(shown?.error).toMatch(/not a CloudEvents message \(structured JSON or binary mode\)/);
  });

  it('dead-letters a structured message in an event format it cannot read, naming the format', async () => {
    const recorder = fx.recorder('avro');
    await fx.createBus().subscribe(recorder);
    await sendAsOutsider([
      { key: 'avro-1', value: 'Obj\u0001', headers: { 'content-type': 'application/cloudevents+avro' } },
    ]);
    const dead = await waitFor('the Avro event to be dead-lettered', async () => {
      const list = await fx.ops.listDeadLetters({ group: recorder.group });
      return list.find((letter) => letter.key === 'avro-1');
    });
    expect(dead).toMatchObject({ reason: 'invalid-envelope', attempts: 0 });
    const shown = await fx.ops.showDeadLetter(dead.id);
    expect(shown?.error).toMatch(/event format application\/cloudevents\+avro is not supported/);
  });
});
