import { randomUUID } from 'node:crypto';
import { publishedEvents } from '@suite/bus/testing';
import type { ModuleHttpReply } from '@suite/contracts';
import type { OrgScope } from '@suite/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialKind } from '../src/vault/credential.schema';
import { storeCredential } from '../src/vault/credential.service';
import { configureVault } from '../src/vault/keyring';
import { processOrKeep } from '../src/webhooks/delivery-processing';
import { inboundWebhookRoute, type WebhookRouteContext } from '../src/webhooks/inbound-webhook.route';
import { listDeliveries } from '../src/webhooks/webhook-delivery.service';
import { TWILIO_SID, TWILIO_TOKEN } from './support/stand-ins/twilio.stand-in';
import { KEYS } from './support/stand-ins/vendor-stand-ins';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';
import {
  docusignDelivery,
  dropboxSignDelivery,
  emailBounced,
  emailDelivered,
  emailOpened,
  envelopeCompleted,
  metaDelivery,
  paymentIntentSucceeded,
  resendDelivery,
  type SignedDelivery,
  stripeDelivery,
  twilioDelivery,
  WEBHOOK_URL_BASE,
} from './support/vendor-webhooks';

const STRIPE_SECRET = 'whsec_StripeStandInSigningSecret0001';
const META_SECRET = 'meta-app-secret-0123456789abcdef';
const DOCUSIGN_KEY = 'docusign-connect-hmac-key-000000000001';
const RESEND_SECRET = `whsec_${Buffer.from('resend-stand-in-signing-secret-01').toString('base64')}`;

let fixture: ToolsFixture;
let org: OrgScope;
const logged: { level: string; fields: Record<string, unknown>; message: string }[] = [];
const context = (): WebhookRouteContext => ({
  db: fixture.database.db,
  log: {
    warn: (fields, message) => logged.push({ level: 'warn', fields, message }),
    error: (fields, message) => logged.push({ level: 'error', fields, message }),
  },
});

/** A webhook's answer, always text. */
async function post(
  vendor: string,
  connectionId: string,
  delivery: SignedDelivery,
): Promise<ModuleHttpReply & { readonly body: string }> {
  const reply = await inboundWebhookRoute.handle(
    {
      params: { vendor, connectionId },
      headers: delivery.headers,
      rawBody: Buffer.from(delivery.body),
      url: urlOf(vendor, connectionId),
      requestId: randomUUID(),
    },
    context() as never,
  );
  if (typeof reply.body !== 'string') throw new Error('a webhook route answers text, not a stream');
  return { ...reply, body: reply.body };
}

const urlOf = (vendor: string, connectionId: string) =>
  `${WEBHOOK_URL_BASE}/tools/webhooks/${vendor}/${connectionId}`;

async function connection(
  provider: string,
  kind: CredentialKind,
  secret: Record<string, string>,
  scope = org,
): Promise<string> {
  const connectionId = await fixture.createConnection(scope, provider);
  await scope.transaction((tx) => storeCredential(tx, { orgId: scope.orgId, connectionId, kind }, secret));
  return connectionId;
}

const deliveries = (connectionId: string, scope = org) =>
  scope.transaction(async (tx) =>
    (await listDeliveries(tx, {})).filter((row) => row.connectionId === connectionId),
  );

const outbox = (type: string, key: string) =>
  publishedEvents(fixture.database.db, { type, aggregateId: key });

const healthOf = (connectionId: string) =>
  fixture.database.db.system.toolsConnection.findFirstOrThrow({ where: { id: connectionId } });

/** Makes the database refuse to mark deliveries processed, as a failing dependency would, until undone. */
async function refuseProcessing(): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: fixture.database.url });
  await client.connect();
  await client.query(`CREATE OR REPLACE FUNCTION tools.refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'processing refused for delivery %', NEW.id; END $$`);
  await client.query(`CREATE TRIGGER refuse_for_test BEFORE UPDATE ON tools.webhook_delivery FOR EACH ROW
    WHEN (NEW.status = 'processed') EXECUTE FUNCTION tools.refuse_for_test()`);
  return async () => {
    await client.query('DROP TRIGGER refuse_for_test ON tools.webhook_delivery');
    await client.end();
  };
}

beforeAll(async () => {
  configureVault({ VAULT_KEYS: testKeyring().entries.join(',') });
  fixture = await toolsFixture();
  org = await fixture.createOrg();
});

afterAll(() => fixture?.close());

interface VendorCase {
  readonly vendor: string;
  readonly kind: CredentialKind;
  readonly secret: Record<string, string>;
  readonly wrongSecret: Record<string, string>;
  /** A signed delivery of one event whose vendor id is `id`. */
  sign(secret: Record<string, string>, connectionId: string, id: string): Promise<SignedDelivery>;
  /** The event type it publishes and the event's key, or undefined when the vendor's events are stored only. */
  readonly publishes?: { type: string; key: (id: string) => string };
  readonly replyBody?: string;
  /** Changes a signed part of the body (Dropbox Sign's hash signs only the event's time and type). */
  tamper?(body: string): string;
  /** The delivery without its signature (Dropbox Sign's travels in the body). */
  unsigned?(delivery: SignedDelivery): SignedDelivery;
}

const lastDigitChanged = (body: string) =>
  body.replace(/[0-9](?=[^0-9]*$)/, (digit) => String((Number(digit) + 1) % 10));

const CASES: VendorCase[] = [
  {
    vendor: 'stripe',
    kind: 'webhook_secret',
    secret: { signingSecret: STRIPE_SECRET },
    wrongSecret: { signingSecret: 'whsec_SomeoneElsesSigningSecret0001' },
    sign: async (secret, _connection, id) =>
      stripeDelivery(secret.signingSecret as string, paymentIntentSucceeded(id)),
    publishes: { type: 'tools.payment.succeeded', key: (id) => `pi_${id}` },
  },
  {
    vendor: 'twilio',
    kind: 'api_key',
    secret: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN },
    wrongSecret: { accountSid: TWILIO_SID, authToken: 'SomeOtherAuthToken00000000000001' },
    sign: async (secret, connectionId, id) =>
      twilioDelivery(secret.authToken as string, urlOf('twilio', connectionId), {
        AccountSid: TWILIO_SID,
        MessageSid: `SM${id}`,
        SmsStatus: 'received',
        From: '+14155550111',
        To: '+14155550100',
        Body: 'Is the technician still coming at 3?',
      }),
    publishes: { type: 'tools.sms.received', key: (id) => `SM${id}` },
    replyBody: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
  },
  {
    vendor: 'meta',
    kind: 'webhook_secret',
    secret: { signingSecret: META_SECRET },
    wrongSecret: { signingSecret: 'meta-app-secret-someone-elses-000' },
    sign: async (secret, _connection, id) =>
      metaDelivery(secret.signingSecret as string, {
        object: 'page',
        entry: [{ id, time: 1_790_000_000, changes: [] }],
      }),
  },
  {
    vendor: 'dropbox-sign',
    kind: 'api_key',
    secret: { apiKey: KEYS.dropboxSign },
    wrongSecret: { apiKey: 'cd'.repeat(32) },
    sign: (secret, _connection, id) =>
      dropboxSignDelivery(secret.apiKey as string, 'signature_request_all_signed', id),
    publishes: { type: 'tools.contract.signed', key: (id) => id },
    replyBody: 'Hello API Event Received',
    tamper: (body) => body.replace('signature_request_all_signed', 'signature_request_declined'),
    unsigned: ({ body, headers }) => ({
      headers,
      body: body.replace(/"event_hash":"[0-9a-f]+"/, '"event_hash":""'),
    }),
  },
  {
    vendor: 'docusign',
    kind: 'webhook_secret',
    secret: { signingSecret: DOCUSIGN_KEY },
    wrongSecret: { signingSecret: 'docusign-connect-someone-elses-key' },
    sign: async (secret, _connection, id) =>
      docusignDelivery([secret.signingSecret as string], envelopeCompleted(id)),
    publishes: { type: 'tools.contract.signed', key: (id) => id },
  },
  {
    vendor: 'resend',
    kind: 'webhook_secret',
    secret: { signingSecret: RESEND_SECRET },
    wrongSecret: {
      signingSecret: `whsec_${Buffer.from('someone-elses-signing-secret-0001').toString('base64')}`,
    },
    sign: async (secret, _connection, id) =>
      resendDelivery(secret.signingSecret as string, `msg_${id}`, emailDelivered(id)),
    publishes: { type: 'tools.email.status_changed', key: (id) => id },
  },
];

describe.each(CASES)('inbound $vendor webhooks', (vendorCase) => {
  let connectionId: string;
  const sign = (id: string, secret = vendorCase.secret) => vendorCase.sign(secret, connectionId, id);

  beforeAll(async () => {
    connectionId = await connection(vendorCase.vendor, vendorCase.kind, vendorCase.secret);
  });

  it('accepts a valid signature, stores the delivery and publishes its normalised event', async () => {
    const id = randomUUID();
    const reply = await post(vendorCase.vendor, connectionId, await sign(id));
    expect(reply.status).toBe(200);
    if (vendorCase.replyBody) expect(reply.body).toBe(vendorCase.replyBody);
    const stored = await deliveries(connectionId);
    expect(stored.filter((row) => row.status === 'processed')).toHaveLength(1);
    if (vendorCase.publishes) {
      const events = await outbox(vendorCase.publishes.type, vendorCase.publishes.key(id));
      expect(events).toHaveLength(1);
      expect(events[0]?.payload).toMatchObject({ connectionId, provider: vendorCase.vendor });
    } else expect(stored[0]?.published).toEqual([]);
  });

  it('refuses a tampered body, a wrong secret and a missing signature, logs them without the body and counts them toward health', async () => {
    const before = (await deliveries(connectionId)).length;
    const genuine = await sign(randomUUID());
    const tampered = { ...genuine, body: (vendorCase.tamper ?? lastDigitChanged)(genuine.body) };
    expect(tampered.body).not.toBe(genuine.body);
    expect((await post(vendorCase.vendor, connectionId, tampered)).status).toBe(401);
    expect(
      (await post(vendorCase.vendor, connectionId, await sign(randomUUID(), vendorCase.wrongSecret))).status,
    ).toBe(401);
    const unsigned = vendorCase.unsigned?.(genuine) ?? {
      body: genuine.body,
      headers: { 'content-type': genuine.headers['content-type'] ?? 'text/plain' },
    };
    const missing = await post(vendorCase.vendor, connectionId, unsigned);
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body).message).toMatch(/missing|no event_hash/);

    expect(await deliveries(connectionId)).toHaveLength(before);
    const refusals = logged.filter(
      (entry) => entry.fields.connectionId === connectionId && entry.message === 'inbound webhook refused',
    );
    expect(refusals).toHaveLength(3);
    expect(JSON.stringify(refusals)).not.toContain(genuine.body.slice(0, 40));
    const connection = await healthOf(connectionId);
    expect(connection.failureStreak).toBe(3);
    expect(connection.health).toBe('warning');
    expect(connection.healthReason).toMatch(/^inbound webhook refused: /);
  });

  it('stores a duplicate delivery once and publishes once', async () => {
    const id = randomUUID();
    const delivery = await sign(id);
    const first = await post(vendorCase.vendor, connectionId, delivery);
    const again = await post(vendorCase.vendor, connectionId, delivery);
    expect([first.status, again.status]).toEqual([200, 200]);
    const rows = (await deliveries(connectionId)).filter((row) => row.status === 'processed');
    expect(new Set(rows.map((row) => row.eventId)).size).toBe(rows.length);
    if (vendorCase.publishes)
      expect(await outbox(vendorCase.publishes.type, vendorCase.publishes.key(id))).toHaveLength(1);
    else {
      const ids = rows.map((row) => row.eventId);
      expect(ids.filter((eventId) => eventId === ids.at(0))).toHaveLength(1);
    }
  });

  it('keeps a delivery whose processing fails and replays it once fixed', async () => {
    const id = randomUUID();
    const undo = await refuseProcessing();
    let reply: ModuleHttpReply;
    try {
      reply = await post(vendorCase.vendor, connectionId, await sign(id));
    } finally {
      await undo();
    }
    expect(reply.status).toBe(200);
    const [failed] = (await deliveries(connectionId)).filter((row) => row.status === 'failed');
    expect(failed).toMatchObject({ attempts: 1, error: expect.stringContaining('processing refused') });
    // Staff read this: the cause in one line, never Prisma's call site and frame of our source.
    expect(failed?.error).not.toMatch(/invocation|\.ts:\d+|→|\n/);
    const published = () =>
      vendorCase.publishes
        ? outbox(vendorCase.publishes.type, vendorCase.publishes.key(id))
        : Promise.resolve([]);
    expect(await published()).toHaveLength(0);

    const replayed = await processOrKeep(org, failed?.id as string);
    expect(replayed).toMatchObject({
      status: 'processed',
      attempts: 2,
      error: null,
      published: vendorCase.publishes ? [vendorCase.publishes.type] : [],
    });
    expect((await processOrKeep(org, failed?.id as string)).attempts).toBe(2);
    expect(await published()).toHaveLength(vendorCase.publishes ? 1 : 0);
  });
});

describe('inbound webhook edges', () => {
  let other: OrgScope;
  beforeAll(async () => {
    other = await fixture.createOrg('Other MSP');
  });

  it('refuses a Stripe timestamp older than 300 s, even with a valid signature', async () => {
    const connectionId = await connection(
      'stripe',
      'webhook_secret',
      { signingSecret: STRIPE_SECRET },
      other,
    );
    const old = stripeDelivery(
      STRIPE_SECRET,
      paymentIntentSucceeded(randomUUID()),
      Math.floor(Date.now() / 1000) - 301,
    );
    const reply = await post('stripe', connectionId, old);
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).message).toMatch(/more than 300 s old/);
    expect(await deliveries(connectionId, other)).toHaveLength(0);
  });

  it('refuses a Resend (Standard Webhooks) timestamp more than 5 minutes old, even with a valid signature', async () => {
    const connectionId = await connection(
      'resend',
      'webhook_secret',
      { signingSecret: RESEND_SECRET },
      other,
    );
    const id = randomUUID();
    const old = resendDelivery(
      RESEND_SECRET,
      `msg_${id}`,
      emailDelivered(id),
      new Date(Date.now() - 301_000),
    );
    const reply = await post('resend', connectionId, old);
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).message).toMatch(/more than 5 minutes away/);
    expect(await deliveries(connectionId, other)).toHaveLength(0);
  });

  it('answers 404 for an unknown connection or a vendor that does not match it, and 401 without a saved secret', async () => {
    const connectionId = await fixture.createConnection(other, 'docusign');
    const delivery = docusignDelivery([DOCUSIGN_KEY], envelopeCompleted(randomUUID()));
    expect((await post('docusign', randomUUID(), delivery)).status).toBe(404);
    expect((await post('docusign', 'not-a-uuid', delivery)).status).toBe(404);
    expect((await post('stripe', connectionId, delivery)).status).toBe(404);
    const reply = await post('docusign', connectionId, delivery);
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).message).toMatch(/no signing secret is saved/);
  });

  it('accepts DocuSign deliveries signed by either key during an HMAC key rotation', async () => {
    const third = await fixture.createOrg('Third MSP');
    const connectionId = await connection(
      'docusign',
      'webhook_secret',
      { signingSecret: DOCUSIGN_KEY },
      third,
    );
    const rotating = docusignDelivery(
      ['docusign-connect-new-key-00000000001', DOCUSIGN_KEY],
      envelopeCompleted(randomUUID()),
    );
    expect((await post('docusign', connectionId, rotating)).status).toBe(200);
  });
});

describe('Resend email delivery status', () => {
  let mail: OrgScope;
  let connectionId: string;
  beforeAll(async () => {
    mail = await fixture.createOrg('Mail MSP');
    connectionId = await connection('resend', 'webhook_secret', { signingSecret: RESEND_SECRET }, mail);
  });

  it('publishes a Resend bounce with its reason, and stores an open without publishing it', async () => {
    const bounced = randomUUID();
    const opened = randomUUID();
    for (const delivery of [
      resendDelivery(RESEND_SECRET, `msg_${bounced}`, emailBounced(bounced)),
      resendDelivery(RESEND_SECRET, `msg_${opened}`, emailOpened(opened)),
    ])
      expect((await post('resend', connectionId, delivery)).status).toBe(200);
    const [event] = await outbox('tools.email.status_changed', bounced);
    expect(event?.payload).toEqual({
      connectionId,
      provider: 'resend',
      messageId: bounced,
      status: 'bounced',
      recipients: ['client@acme.example'],
      permanent: true,
      reason: "The recipient's mail server permanently rejected the email.",
      // Not sent through the suite: no subject, though Resend's body has one.
      subject: null,
      occurredAt: '2026-11-30T01:30:00.000Z',
    });
    expect(await outbox('tools.email.status_changed', opened)).toHaveLength(0);
    const stored = await deliveries(connectionId, mail);
    expect(stored.map((row) => [row.eventId, row.status, row.published])).toEqual(
      expect.arrayContaining([
        [`msg_${bounced}`, 'processed', ['tools.email.status_changed']],
        [`msg_${opened}`, 'processed', []],
      ]),
    );
  });

  it('refuses a signed Resend body that is not a Resend event with a 400 naming it', async () => {
    const before = (await deliveries(connectionId, mail)).length;
    const reply = await post(
      'resend',
      connectionId,
      resendDelivery(RESEND_SECRET, `msg_${randomUUID()}`, { hello: 'world' }),
    );
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).message).toMatch(/not a Resend event/);
    expect(await deliveries(connectionId, mail)).toHaveLength(before);
  });
});
