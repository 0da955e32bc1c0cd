import { randomUUID } from 'node:crypto';
import type { OrgScope } from '@suite/db';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configureVault } from '../src/vault/keyring';
import {
  createEndpoint,
  enqueueEvent,
  listAttempts,
  rotateEndpointSecret,
  sendTestEvent,
} from '../src/webhook-endpoints/endpoint.service';
import { startWebhookDispatcher, type WebhookDispatcher } from '../src/webhook-endpoints/webhook-dispatcher';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const DEVELOPMENT = { production: false };
const PRODUCTION = { production: true };
const TYPE = 'tools.sms.received';

let fixture: ToolsFixture;
let dispatcher: WebhookDispatcher;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  configureVault({ VAULT_KEYS: testKeyring().entries.join(',') });
  fixture = await toolsFixture();
  // Never polls by itself: each test drives it with runOnce().
  dispatcher = startWebhookDispatcher(fixture.database.db, {
    pollMs: 3_600_000,
    timeoutMs: 2_000,
    policy: DEVELOPMENT,
  });
});

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

afterAll(async () => {
  await dispatcher?.stop();
  await fixture?.close();
});

async function receiver(): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver();
  receivers.push(started);
  return started;
}

async function endpointFor(org: OrgScope, url: string, eventTypes = [TYPE]) {
  return org.transaction((tx) => createEndpoint(tx, { url, eventTypes }, DEVELOPMENT));
}

function publishToEndpoints(org: OrgScope, key: string, text: string) {
  const id = randomUUID();
  return org.transaction(async (tx) => {
    await enqueueEvent(tx, {
      id,
      type: TYPE,
      time: new Date().toISOString(),
      partitionkey: key,
      data: { text },
    });
    return id;
  });
}

const messagesOf = (endpointId: string) =>
  fixture.database.db.system.toolsWebhookMessage.findMany({ where: { endpointId }, orderBy: { seq: 'asc' } });

/** Moves the endpoint's retries to now, as if their wait had passed. */
const retriesDue = (endpointId: string) =>
  fixture.database.db.system.toolsWebhookMessage.updateMany({
    where: { endpointId, status: 'pending' },
    data: { nextAttemptAt: new Date(Date.now() - 1000) },
  });

const texts = (endpoint: WebhookReceiver) =>
  endpoint.received.map((request) => (JSON.parse(request.body) as { data: { text: string } }).data.text);

describe('outbound Standard Webhooks', () => {
  it('signs so the standardwebhooks package verifies it, with both secrets during a rotation', async () => {
    const org = await fixture.createOrg();
    const endpoint = await receiver();
    const created = await endpointFor(org, endpoint.url);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    await publishToEndpoints(org, 'k1', 'first');
    await dispatcher.runOnce();
    const [first] = endpoint.received;
    expect(first?.headers['webhook-id']).toBeDefined();
    const verified = new Webhook(created.secret).verify(
      first?.body as string,
      first?.headers as Record<string, string>,
    );
    expect(verified).toMatchObject({ type: TYPE, data: { text: 'first' } });

    const rotated = await org.transaction((tx) =>
      rotateEndpointSecret(tx, { endpointId: created.endpoint.id }),
    );
    await publishToEndpoints(org, 'k1', 'second');
    await dispatcher.runOnce();
    const second = endpoint.received[1] as (typeof endpoint.received)[number];
    expect(String(second.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [created.secret, rotated.secret])
      expect(new Webhook(secret).verify(second.body, second.headers as Record<string, string>)).toMatchObject(
        {
          data: { text: 'second' },
        },
      );
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(
        second.body,
        second.headers as Record<string, string>,
      ),
    ).toThrow();
  });

  it('retries a failing endpoint after Retry-After, then delivers each message once and in order per key', async () => {
    const org = await fixture.createOrg();
    const endpoint = await receiver();
    let failures = 2;
    endpoint.respond = () =>
      failures-- > 0 ? { status: 503, headers: { 'retry-after': '120' } } : { status: 200 };
    const { endpoint: created } = await endpointFor(org, endpoint.url);
    for (const text of ['a1', 'a2', 'a3']) await publishToEndpoints(org, 'key-a', text);

    const before = Date.now();
    await dispatcher.runOnce();
    expect(texts(endpoint)).toEqual(['a1']);
    const [waiting] = await messagesOf(created.id);
    expect(waiting?.attempts).toBe(1);
    // The schedule says 5 s; the endpoint asked for 120 s.
    expect(waiting?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 120_000);

    await retriesDue(created.id);
    await dispatcher.runOnce();
    expect(texts(endpoint)).toEqual(['a1', 'a1']);
    await retriesDue(created.id);
    await dispatcher.runOnce();
    expect(texts(endpoint)).toEqual(['a1', 'a1', 'a1', 'a2', 'a3']);
    const messages = await messagesOf(created.id);
    expect(messages.map((message) => [message.status, message.attempts])).toEqual([
      ['delivered', 3],
      ['delivered', 1],
      ['delivered', 1],
    ]);
    const log = await org.transaction((tx) => listAttempts(tx, { endpointId: created.id }));
    expect(log.map((attempt) => attempt.status).sort()).toEqual([200, 200, 200, 503, 503]);
    expect(log.find((attempt) => attempt.status === 503)).toMatchObject({
      responseExcerpt: 'answered 503',
      latencyMs: expect.any(Number),
    });
  });

  it('disables an endpoint that answers 410 Gone', async () => {
    const org = await fixture.createOrg();
    const endpoint = await receiver();
    endpoint.respond = () => ({ status: 410 });
    const { endpoint: created } = await endpointFor(org, endpoint.url);
    await publishToEndpoints(org, 'k', 'gone');
    await publishToEndpoints(org, 'k', 'never sent');
    await dispatcher.runOnce();
    expect(texts(endpoint)).toEqual(['gone']);
    const row = await fixture.database.db.system.toolsWebhookEndpoint.findFirstOrThrow({
      where: { id: created.id },
    });
    expect(row).toMatchObject({ status: 'disabled', disabledReason: 'the endpoint answered 410 Gone' });
  });

  it('disables an endpoint failing for 5 days and tells the org owners', async () => {
    const org = await fixture.createOrg();
    const endpoint = await receiver();
    endpoint.respond = () => ({ status: 500 });
    const { endpoint: created } = await endpointFor(org, endpoint.url);
    await fixture.database.db.system.toolsWebhookEndpoint.update({
      where: { id: created.id },
      data: { failingSince: new Date(Date.now() - 5 * 24 * 60 * 60_000 - 1000) },
    });
    await publishToEndpoints(org, 'k', 'still failing');
    await dispatcher.runOnce();
    const row = await fixture.database.db.system.toolsWebhookEndpoint.findFirstOrThrow({
      where: { id: created.id },
    });
    expect(row).toMatchObject({
      status: 'disabled',
      disabledReason: 'the endpoint failed every delivery for 5 days',
    });
    const notices = await fixture.database.db.system.toolsNotification.findMany({
      where: { orgId: org.orgId },
    });
    expect(notices).toEqual([
      expect.objectContaining({ connectionId: null, title: 'A webhook endpoint was disabled' }),
    ]);
  });

  it('a hanging endpoint does not slow a healthy one (measured)', async () => {
    const org = await fixture.createOrg();
    const hanging = await receiver();
    hanging.respond = () => 'hang';
    const healthy = await receiver();
    const slow = await endpointFor(org, hanging.url, ['tools.call.status_changed']);
    const fast = await endpointFor(org, healthy.url);
    await org.transaction((tx) =>
      enqueueEvent(tx, {
        id: randomUUID(),
        type: 'tools.call.status_changed',
        time: new Date().toISOString(),
        partitionkey: 'call-1',
        data: {},
      }),
    );
    const count = 10;
    for (let index = 0; index < count; index++)
      await publishToEndpoints(org, `key-${index % 3}`, `m${index}`);

    // The hanging endpoint holds its attempt for as long as the test lets it (no timeout in reach).
    const real = startWebhookDispatcher(fixture.database.db, {
      pollMs: 3_600_000,
      timeoutMs: 120_000,
      policy: DEVELOPMENT,
    });
    const started = Date.now();
    const run = real.runOnce().finally(() => real.stop());
    while (healthy.received.length < count && Date.now() - started < 30_000)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const healthyMs = Date.now() - started;
    expect(healthy.received).toHaveLength(count);
    // The hanging endpoint's first attempt is still waiting for its timeout.
    expect((await messagesOf(slow.endpoint.id)).map((message) => message.attempts)).toEqual([0]);
    await hanging.close();
    await run;
    console.info(
      `webhooks: a healthy endpoint got ${count} deliveries in ${healthyMs} ms beside a hanging one`,
    );
    const [cut] = await org.transaction((tx) => listAttempts(tx, { endpointId: slow.endpoint.id }));
    expect(cut).toMatchObject({ status: null, error: expect.any(String) });
    expect(new Set((await messagesOf(fast.endpoint.id)).map((message) => message.status))).toEqual(
      new Set(['delivered']),
    );
  });

  it('sends the keys of one endpoint side by side: a hanging key holds only itself, each key in order', async () => {
    const org = await fixture.createOrg();
    const endpoint = await receiver();
    endpoint.respond = (request) => (request.body.includes('"a0"') ? 'hang' : { status: 200 });
    const { endpoint: created } = await endpointFor(org, endpoint.url);
    for (const [key, text] of [
      ['a', 'a0'],
      ['b', 'b0'],
      ['a', 'a1'],
      ['b', 'b1'],
      ['b', 'b2'],
    ] as const)
      await publishToEndpoints(org, key, text);
    // a0 is held for as long as the test lets it (no timeout in reach).
    const real = startWebhookDispatcher(fixture.database.db, {
      pollMs: 3_600_000,
      timeoutMs: 120_000,
      policy: DEVELOPMENT,
    });
    const run = real.runOnce().finally(() => real.stop());
    const attempts = async () => (await messagesOf(created.id)).map((message) => message.attempts);
    const started = Date.now();
    while ((await attempts()).join() !== '0,1,0,1,1' && Date.now() - started < 30_000)
      await new Promise((resolve) => setTimeout(resolve, 20));
    // Key b went on while a0 was still unanswered (no attempt logged yet); a1 waits behind a0.
    expect(await attempts()).toEqual([0, 1, 0, 1, 1]);
    expect(texts(endpoint)).toEqual(['a0', 'b0', 'b1', 'b2']);
    await endpoint.close();
    await run;
    expect(texts(endpoint)).not.toContain('a1');
  });

  it('gives up on an attempt after the timeout and retries it later', async () => {
    const org = await fixture.createOrg();
    const hanging = await receiver();
    hanging.respond = () => 'hang';
    const { endpoint: created } = await endpointFor(org, hanging.url);
    await publishToEndpoints(org, 'k', 'no answer');
    await dispatcher.runOnce();
    const [attempt] = await org.transaction((tx) => listAttempts(tx, { endpointId: created.id }));
    expect(attempt).toMatchObject({ status: null, error: 'no answer within 2 s' });
    expect((await messagesOf(created.id))[0]).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('sends webhook.test from the Test button', async () => {
    const org = await fixture.createOrg();
    const endpoint = await receiver();
    const created = await endpointFor(org, endpoint.url);
    await org.transaction((tx) => sendTestEvent(tx, { endpointId: created.endpoint.id }));
    await dispatcher.runOnce();
    const [test] = endpoint.received;
    expect(
      new Webhook(created.secret).verify(test?.body as string, test?.headers as Record<string, string>),
    ).toMatchObject({
      type: 'webhook.test',
    });
  });
});

describe('endpoint registration', () => {
  it('refuses private, loopback, link-local and plain-http targets in production', async () => {
    const org = await fixture.createOrg();
    for (const url of [
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://10.1.2.3/hook',
      'https://192.168.0.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'http://example.com/hook',
    ])
      await expect(
        org.transaction((tx) => createEndpoint(tx, { url, eventTypes: [TYPE] }, PRODUCTION)),
        url,
      ).rejects.toMatchObject({ kind: 'invalid', field: 'url' });
  });

  it('refuses a delivery to a loopback target in production, even if it was saved earlier', async () => {
    const org = await fixture.createOrg();
    const endpoint = await receiver();
    const { endpoint: created } = await endpointFor(org, endpoint.url);
    const strict = startWebhookDispatcher(fixture.database.db, {
      pollMs: 3_600_000,
      timeoutMs: 2_000,
      policy: PRODUCTION,
    });
    try {
      await publishToEndpoints(org, 'k', 'to loopback');
      await strict.runOnce();
    } finally {
      await strict.stop();
    }
    expect(endpoint.received).toHaveLength(0);
    const [attempt] = await org.transaction((tx) => listAttempts(tx, { endpointId: created.id }));
    expect(attempt?.error).toMatch(/https|private or loopback/);
  });

  it('keeps to 5 endpoints per org and to event types of the catalog', async () => {
    const org = await fixture.createOrg();
    for (let index = 0; index < 5; index++) await endpointFor(org, `https://hooks${index}.example.com/in`);
    await expect(endpointFor(org, 'https://hooks5.example.com/in')).rejects.toMatchObject({
      kind: 'conflict',
    });
    const other = await fixture.createOrg();
    await expect(endpointFor(other, 'https://hooks.example.com/in', ['no.such.event'])).rejects.toMatchObject(
      {
        kind: 'invalid',
        field: 'eventTypes',
      },
    );
  });
});
