import { configureWebhookEndpoints, toolsModule } from '@suite/tools';
import { startWebhookReceiver, testKeyring, type WebhookReceiver } from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffClient, TrpcAnswer } from '../../support/staff-client';
import { eventually, startTestSuite, type TestSuite } from '../../support/suite-fixture';

// Settings → Webhook endpoints over the staff API: the suite's own dispatcher delivers to a loopback
// receiver, so the delivery log the procedures show is the real one.
interface Endpoint {
  id: string;
  url: string;
  eventTypes: string[];
  status: string;
}
interface Attempt {
  messageId: string;
  eventType: string;
  status: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
}

let sut: TestSuite;
let receiver: WebhookReceiver;
let owner: StaffClient;
let admin: StaffClient;
let member: StaffClient;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  sut = await startTestSuite({
    modules: [toolsModule],
    env: { VAULT_KEYS: testKeyring().entries.join(',') },
  });
  [owner, admin, member] = await Promise.all([
    sut.staff('olivia@northwind.test', 'tools'),
    sut.staff('adam@northwind.test', 'tools'),
    sut.staff('mia@northwind.test', 'tools'),
  ]);
});
afterAll(async () => {
  await sut?.close();
  await receiver?.close();
});

/** The 400's field as the client receives it. */
const fieldOf = (answer: TrpcAnswer) =>
  (JSON.parse(answer.body) as { error?: { data?: { field?: string } } }).error?.data?.field;

/** The delivery log (newest first) once `messageId` has an attempt in it. */
async function deliveries(endpointId: string, messageId: string): Promise<Attempt[]> {
  let log: Attempt[] = [];
  await eventually(`an attempt of ${messageId} in the delivery log`, async () => {
    log = await admin.ok<Attempt[]>('webhookEndpoints.deliveries', { endpointId }, 'query');
    return log.some((attempt) => attempt.messageId === messageId);
  });
  return log;
}

describe('webhook endpoint staff procedures', () => {
  let endpoint: Endpoint;

  it('an Owner adds an endpoint; its secret is shown once, never in the list', async () => {
    const types = await owner.ok<{ type: string }[]>('webhookEndpoints.eventTypes', undefined, 'query');
    expect(types.map((type) => type.type)).toEqual(
      expect.arrayContaining(['tools.sms.received', 'crm.deal.won']),
    );
    const created = await owner.ok<{ endpoint: Endpoint; secret: string }>('webhookEndpoints.create', {
      url: receiver.url,
      eventTypes: ['tools.sms.received'],
    });
    expect(created.secret).toMatch(/^whsec_/);
    endpoint = created.endpoint;
    const list = await admin.query<Endpoint[]>('webhookEndpoints.list');
    expect(list.data).toEqual([expect.objectContaining({ id: endpoint.id, status: 'enabled' })]);
    expect(list.body).not.toContain(created.secret);
    expect(list.body).not.toContain('secret');

    const rotated = await owner.ok<{ secret: string }>('webhookEndpoints.rotateSecret', {
      endpointId: endpoint.id,
    });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
  });

  it('refuses bad input naming the field: URL, unknown event type, private target in production', async () => {
    const badUrl = await owner.mutate('webhookEndpoints.create', {
      url: 'not a url',
      eventTypes: ['crm.deal.won'],
    });
    expect(badUrl).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^url: expected an absolute URL/),
    });
    expect(fieldOf(badUrl)).toBe('url');

    const unknown = await owner.mutate('webhookEndpoints.update', {
      endpointId: endpoint.id,
      eventTypes: ['crm.deal.lost.forever'],
    });
    expect(unknown).toMatchObject({
      status: 400,
      message: expect.stringContaining('not in the event catalog'),
    });
    expect(fieldOf(unknown)).toBe('eventTypes');

    configureWebhookEndpoints({ production: true });
    try {
      const loopback = await owner.mutate('webhookEndpoints.create', {
        url: 'https://127.0.0.1/hooks',
        eventTypes: ['crm.deal.won'],
      });
      expect(loopback).toMatchObject({
        status: 400,
        message: expect.stringContaining('private or loopback'),
      });
      expect(fieldOf(loopback)).toBe('url');
      const plain = await owner.mutate('webhookEndpoints.update', {
        endpointId: endpoint.id,
        url: 'http://hooks.example.com/in',
      });
      expect(plain).toMatchObject({ status: 400, message: 'url: endpoints must use https://' });
    } finally {
      configureWebhookEndpoints({ production: false });
    }
  });

  it('refuses a sixth endpoint, and lets a Member or an Admin change nothing', async () => {
    for (let index = 1; index < 5; index++)
      await owner.ok('webhookEndpoints.create', {
        url: `${receiver.url}/${index}`,
        eventTypes: ['crm.deal.won'],
      });
    const sixth = await owner.mutate('webhookEndpoints.create', {
      url: receiver.url,
      eventTypes: ['crm.deal.won'],
    });
    expect(sixth).toMatchObject({
      status: 409,
      message: expect.stringContaining('already has 5 webhook endpoints'),
    });
    const all = await owner.ok<Endpoint[]>('webhookEndpoints.list', undefined, 'query');
    for (const extra of all.filter((row) => row.id !== endpoint.id))
      await owner.ok('webhookEndpoints.delete', { endpointId: extra.id });

    expect(await member.query('webhookEndpoints.list')).toMatchObject({ status: 403 });
    expect(await member.query('webhookEndpoints.deliveries', { endpointId: endpoint.id })).toMatchObject({
      status: 403,
    });
    for (const [path, input] of [
      ['create', { url: receiver.url, eventTypes: ['crm.deal.won'] }],
      ['disable', { endpointId: endpoint.id }],
      ['rotateSecret', { endpointId: endpoint.id }],
      ['test', { endpointId: endpoint.id }],
    ] as const)
      expect(await admin.mutate(`webhookEndpoints.${path}`, input), path).toMatchObject({ status: 403 });
    expect(await admin.ok<Endpoint[]>('webhookEndpoints.list', undefined, 'query')).toHaveLength(1);
  });

  it('Test sends webhook.test; the delivery log shows status, latency and the response excerpt', async () => {
    const sent = await owner.ok<{ messageId: string }>('webhookEndpoints.test', { endpointId: endpoint.id });
    const [delivered] = await deliveries(endpoint.id, sent.messageId);
    expect(delivered).toMatchObject({
      messageId: sent.messageId,
      eventType: 'webhook.test',
      status: 200,
      latencyMs: expect.any(Number),
      responseExcerpt: 'answered 200',
    });
    expect(JSON.parse(receiver.received.at(-1)?.body ?? '{}')).toMatchObject({ type: 'webhook.test' });

    receiver.respond = () => ({ status: 503 });
    const again = await owner.ok<{ messageId: string }>('webhookEndpoints.test', { endpointId: endpoint.id });
    const [failed] = await deliveries(endpoint.id, again.messageId);
    expect(failed).toMatchObject({ eventType: 'webhook.test', status: 503, responseExcerpt: 'answered 503' });
    receiver.respond = () => ({ status: 200 });
  });

  it('disable and enable: a disabled endpoint is sent nothing until enabled again', async () => {
    const disabled = await owner.ok<Endpoint>('webhookEndpoints.disable', { endpointId: endpoint.id });
    expect(disabled.status).toBe('disabled');
    const before = receiver.received.length;
    const { messageId } = await owner.ok<{ messageId: string }>('webhookEndpoints.test', {
      endpointId: endpoint.id,
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.received.length).toBe(before);
    expect((await owner.ok<Endpoint>('webhookEndpoints.enable', { endpointId: endpoint.id })).status).toBe(
      'enabled',
    );
    // Test messages share one ordering key: this one goes once the 503'd one's retry is delivered.
    const log = await deliveries(endpoint.id, messageId);
    expect(log.find((attempt) => attempt.messageId === messageId)).toMatchObject({ status: 200 });
    const updated = await owner.ok<Endpoint>('webhookEndpoints.update', {
      endpointId: endpoint.id,
      eventTypes: ['crm.deal.won', 'tools.sms.received'],
    });
    expect(updated.eventTypes).toEqual(['crm.deal.won', 'tools.sms.received']);
  });
});
