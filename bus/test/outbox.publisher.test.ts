import {
  createPublisher,
  InvalidEventDataError,
  PublishOutsideTenantError,
  UnknownEventTypeError,
} from '@suite/bus';
import { hubUserDeactivated } from '@suite/contracts';
import { forOrg } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusFixture, busFixture } from './support/bus-fixture';

let fx: BusFixture;
beforeAll(async () => {
  fx = await busFixture('postgres');
});
afterAll(() => fx?.close());

describe('publish(tx, event) through the outbox', () => {
  it('writes a CloudEvents envelope to bus.outbox in the caller’s transaction, with Debezium’s columns', async () => {
    const publish = createPublisher(fx.events.catalog);
    const envelope = await forOrg(fx.database.db.app, fx.orgId).transaction((tx) =>
      publish(tx, {
        type: fx.events.itemChanged.type,
        data: { itemId: 'item-1', seq: 7 },
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      }),
    );
    expect(envelope).toMatchObject({
      specversion: '1.0',
      type: fx.events.itemChanged.type,
      source: `/onestack/${fx.events.producer}`,
      subject: 'item-1',
      partitionkey: 'item-1',
      orgid: fx.orgId,
      datacontenttype: 'application/json',
      dataschema: `urn:onestack:event:${fx.events.itemChanged.type}:v1`,
      data: { itemId: 'item-1', seq: 7 },
    });
    expect(envelope.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The trace continues: same trace id, a new span.
    expect(envelope.traceparent).toMatch(
      /^00-0af7651916cd43dd8448eb211c80319c-(?!b7ad6b7169203331)[0-9a-f]{16}-01$/,
    );
    const { rows } = await fx.sql.query(
      'SELECT id, org_id, aggregatetype, aggregateid, type, payload, attributes FROM bus.outbox',
    );
    const { data, ...attributes } = envelope;
    expect(rows).toEqual([
      {
        id: envelope.id,
        org_id: fx.orgId,
        aggregatetype: fx.events.topic,
        aggregateid: 'item-1',
        type: fx.events.itemChanged.type,
        payload: data,
        attributes,
      },
    ]);
  });

  it('commits the event only with the transaction: a rolled-back state change leaves no event', async () => {
    const publish = createPublisher(fx.events.catalog);
    const before = (await fx.sql.query('SELECT count(*)::int AS n FROM bus.outbox')).rows[0].n;
    await expect(
      forOrg(fx.database.db.app, fx.orgId).transaction(async (tx) => {
        await publish(tx, { type: fx.events.itemChanged.type, data: { itemId: 'item-2', seq: 1 } });
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    expect((await fx.sql.query('SELECT count(*)::int AS n FROM bus.outbox')).rows[0].n).toBe(before);
  });

  it('gives ids that sort in publish order (UUIDv7)', async () => {
    const publish = createPublisher(fx.events.catalog);
    const ids: string[] = [];
    for (let seq = 0; seq < 5; seq++) {
      const envelope = await forOrg(fx.database.db.app, fx.orgId).transaction((tx) =>
        publish(tx, { type: fx.events.itemChanged.type, data: { itemId: 'item-3', seq } }),
      );
      ids.push(envelope.id);
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuses an uncatalogued type with UnknownEventTypeError', async () => {
    const publish = createPublisher(fx.events.catalog);
    const attempt = forOrg(fx.database.db.app, fx.orgId).transaction((tx) =>
      publish(tx, { type: 'crm.deal.lost', data: {} } as never),
    );
    await expect(attempt).rejects.toBeInstanceOf(UnknownEventTypeError);
    await expect(attempt).rejects.toThrow(
      /crm\.deal\.lost: not in the event catalog; define it in contracts\/src\/events/,
    );
  });

  it('refuses invalid data with InvalidEventDataError naming the field', async () => {
    const publish = createPublisher(fx.events.catalog);
    const attempt = forOrg(fx.database.db.app, fx.orgId).transaction((tx) =>
      publish(tx, {
        type: hubUserDeactivated.type,
        data: { userId: 'u1', orgId: fx.orgId, deactivatedAt: 'yesterday' },
      }),
    );
    await expect(attempt).rejects.toBeInstanceOf(InvalidEventDataError);
    await expect(attempt).rejects.toThrow(
      /hub\.user\.deactivated v1: the data does not match its contract:[\s\S]*deactivatedAt/,
    );
  });

  it('refuses a transaction without an org', async () => {
    const publish = createPublisher(fx.events.catalog);
    const attempt = fx.database.db.app.$transaction((tx) =>
      publish(tx as never, { type: fx.events.itemChanged.type, data: { itemId: 'x', seq: 0 } }),
    );
    await expect(attempt).rejects.toBeInstanceOf(PublishOutsideTenantError);
  });
});
