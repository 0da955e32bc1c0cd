import { randomUUID } from 'node:crypto';
import { publishedEvents } from '@suite/bus/testing';
import {
  toolsCallRecordingCompleted,
  toolsCallStatusChanged,
  toolsEmailStatusChanged,
  toolsSmsReceived,
} from '@suite/contracts';
import type { OrgScope } from '@suite/db';
import { createEndpoint, toolsModule } from '@suite/tools';
import {
  connect,
  emailBounced,
  emailDelivered,
  KEYS,
  resendDelivery,
  run,
  type SignedDelivery,
  saveWebhookSecret,
  startResendStandIn,
  startTwilioStandIn,
  startWebhookReceiver,
  type ToolsFixture,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioStandIn,
  testKeyring,
  toolsFixture,
  twilioDelivery,
} from '@suite/tools/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestSuite, type TestSuite } from '../../support/suite-fixture';

let fixture: ToolsFixture;
let twilio: TwilioStandIn;
let sut: TestSuite;
let org: OrgScope;
let webhookPath: string;

const CALL = `CA${'1f'.repeat(16)}`;
const call = (status: string, sequence: number, extra: Record<string, string> = {}) => ({
  AccountSid: TWILIO_SID,
  CallSid: CALL,
  CallStatus: status,
  Direction: 'outbound-api',
  From: '+14155550100',
  To: '+14155550123',
  SequenceNumber: String(sequence),
  Timestamp: `Sun, 29 Nov 2026 10:00:0${sequence} +0000`,
  ...extra,
});

function post(delivery: SignedDelivery, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sut.suite.url}${webhookPath}`, {
    method: 'POST',
    headers: { ...delivery.headers, ...headers },
    body: delivery.body,
  });
}

/** The bus delivers asynchronously: checks until they pass (or 30 s). */
const onceSeen = (check: () => void) => vi.waitFor(check, { timeout: 30_000, interval: 100 });

const signedForSuite = (params: Record<string, string>) =>
  twilioDelivery(TWILIO_TOKEN, `${sut.suite.url}${webhookPath}`, params);

beforeAll(async () => {
  const { entries } = testKeyring();
  [fixture, twilio] = await Promise.all([toolsFixture(), startTwilioStandIn()]);
  sut = await startTestSuite({
    modules: [toolsModule],
    database: fixture.database,
    env: { VAULT_KEYS: entries.join(',') },
    observe: [toolsCallStatusChanged, toolsCallRecordingCompleted, toolsSmsReceived, toolsEmailStatusChanged],
  });
  org = await fixture.createOrg('Acme');
  await connect(
    org,
    'twilio',
    { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN },
    { from: '+14155550100', apiBaseUrl: twilio.url },
  );
  const connection = await fixture.database.db.system.toolsConnection.findFirstOrThrow({
    where: { orgId: org.orgId, provider: 'twilio' },
  });
  webhookPath = `/tools/webhooks/twilio/${connection.id}`;
});

afterAll(async () => {
  await sut?.close();
  await Promise.all([twilio?.close(), fixture?.close()]);
});

describe('Twilio voice and SMS webhooks over HTTP', () => {
  it('publishes each call status once, mapped to the contract, duplicates and all', async () => {
    const sequence = [
      call('initiated', 0),
      call('ringing', 1),
      call('in-progress', 2),
      call('completed', 3, { CallDuration: '42' }),
    ];
    for (const params of sequence) expect((await post(signedForSuite(params))).status).toBe(200);
    const duplicate = await post(signedForSuite(sequence[3] as Record<string, string>));
    expect(duplicate.status).toBe(200);
    expect(duplicate.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await duplicate.text()).toContain('<Response></Response>');

    const statuses = () =>
      sut.received
        .filter((event) => event.type === 'tools.call.status_changed')
        .map(
          (event) => event.data as { status: string; sequenceNumber: number; durationSeconds: number | null },
        );
    await onceSeen(() => expect(statuses()).toHaveLength(4));
    expect(statuses().map((event) => [event.status, event.sequenceNumber, event.durationSeconds])).toEqual([
      ['initiated', 0, null],
      ['ringing', 1, null],
      ['answered', 2, null],
      ['completed', 3, 42],
    ]);
    expect(sut.received.find((event) => event.type === 'tools.call.status_changed')?.data).toMatchObject({
      callId: CALL,
      provider: 'twilio',
      direction: 'outbound',
      from: '+14155550100',
      to: '+14155550123',
      occurredAt: '2026-11-29T10:00:00.000Z',
    });
  });

  it('maps no-answer and publishes a finished recording', async () => {
    const other = `CA${'2e'.repeat(16)}`;
    expect((await post(signedForSuite({ ...call('no-answer', 1), CallSid: other }))).status).toBe(200);
    const recording = {
      AccountSid: TWILIO_SID,
      CallSid: CALL,
      RecordingSid: `RE${'3d'.repeat(16)}`,
      RecordingStatus: 'completed',
      RecordingDuration: '40',
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_SID}/Recordings/RE${'3d'.repeat(16)}`,
    };
    expect((await post(signedForSuite(recording))).status).toBe(200);
    await onceSeen(() => {
      expect(
        sut.received.find((event) => event.type === 'tools.call.recording_completed')?.data,
      ).toMatchObject({
        callId: CALL,
        recordingId: recording.RecordingSid,
        status: 'completed',
        durationSeconds: 40,
      });
      expect(
        sut.received.find(
          (event) =>
            event.type === 'tools.call.status_changed' && (event.data as { callId: string }).callId === other,
        )?.data,
      ).toMatchObject({ status: 'no_answer' });
    });
  });

  it('verifies against the public URL Twilio called when a proxy forwards it, and refuses another URL', async () => {
    const sms = {
      AccountSid: TWILIO_SID,
      MessageSid: `SM${'4c'.repeat(16)}`,
      SmsStatus: 'received',
      From: '+14155550123',
      To: '+14155550100',
      Body: 'Running 10 minutes late',
    };
    const publicDelivery = twilioDelivery(TWILIO_TOKEN, `https://suite.example.com${webhookPath}`, sms);
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'suite.example.com' };
    expect((await post(publicDelivery)).status).toBe(401);
    expect((await post(publicDelivery, forwarded)).status).toBe(200);
    await onceSeen(() =>
      expect(sut.received.find((event) => event.type === 'tools.sms.received')?.data).toMatchObject({
        messageId: sms.MessageSid,
        body: 'Running 10 minutes late',
      }),
    );
  });
});

describe('Resend (Standard Webhooks) over HTTP', () => {
  const secret = `whsec_${Buffer.from('resend-suite-signing-secret-0001').toString('base64')}`;
  let webhookUrl: string;
  const postTo = (delivery: SignedDelivery) =>
    fetch(`${sut.suite.url}${webhookUrl}`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    });
  const statusesOf = (messageId: string) =>
    sut.received
      .filter(
        (event) =>
          event.type === 'tools.email.status_changed' &&
          (event.data as { messageId: string }).messageId === messageId,
      )
      .map((event) => event.data as { status: string; subject: string | null });

  beforeAll(async () => {
    ({ webhookUrl } = await org.transaction((tx) =>
      saveWebhookSecret(tx, { provider: 'resend', signingSecret: secret }),
    ));
  });

  it('publishes the delivery status of an email sent through Resend once per event, duplicates and all', async () => {
    const resend = await startResendStandIn();
    try {
      await connect(
        org,
        'resend',
        { apiKey: KEYS.resend },
        { from: 'office@acme.example', apiBaseUrl: resend.url },
      );
      // Resend's webhook body says `Your estimate`: the event names the subject the org sent.
      const sent = await run(org, 'send_email', {
        to: 'client@acme.example',
        subject: 'Your estimate for the new firewall',
        text: 'Attached.',
      });
      expect(sent).toMatchObject({ success: true, provider: 'resend', message_id: expect.any(String) });
      const { message_id: messageId } = sent as { message_id: string };
      const delivered = resendDelivery(secret, `msg_${randomUUID()}`, emailDelivered(messageId));
      expect((await postTo(delivered)).status).toBe(200);
      expect((await postTo(delivered)).status).toBe(200);
      expect(
        (await postTo(resendDelivery(secret, `msg_${randomUUID()}`, emailBounced(messageId)))).status,
      ).toBe(200);

      await onceSeen(() =>
        expect(statusesOf(messageId).map((event) => event.status)).toEqual(['delivered', 'bounced']),
      );
      expect(statusesOf(messageId)[0]).toMatchObject({
        provider: 'resend',
        recipients: ['client@acme.example'],
        permanent: null,
        subject: 'Your estimate for the new firewall',
      });
      expect(statusesOf(messageId)[1]).toMatchObject({ subject: 'Your estimate for the new firewall' });

      // An email the suite did not send (or no longer knows) has no subject.
      const unknown = `re_${randomUUID()}`;
      expect(
        (await postTo(resendDelivery(secret, `msg_${randomUUID()}`, emailDelivered(unknown)))).status,
      ).toBe(200);
      await onceSeen(() => expect(statusesOf(unknown)).toEqual([expect.objectContaining({ subject: null })]));
      const published = await publishedEvents(fixture.database.db, {
        type: 'tools.email.status_changed',
        aggregateId: messageId,
      });
      expect(published).toHaveLength(2);
    } finally {
      await resend.close();
    }
  });

  it('refuses a tampered body, a wrong secret and an old timestamp with a 401 naming the problem, and publishes nothing', async () => {
    const id = randomUUID();
    const delivery = resendDelivery(secret, `msg_${id}`, emailDelivered(id));
    const tampered = { ...delivery, body: delivery.body.replace('client@', 'thief@') };
    const wrongSecret = `whsec_${Buffer.from('someone-elses-signing-secret-001').toString('base64')}`;
    const refusals = [
      [tampered, /svix-signature does not match/],
      [resendDelivery(wrongSecret, `msg_${id}`, emailDelivered(id)), /svix-signature does not match/],
      [
        resendDelivery(secret, `msg_${id}`, emailDelivered(id), new Date(Date.now() - 600_000)),
        /more than 5 minutes away/,
      ],
    ] as const;
    for (const [refused, message] of refusals) {
      const reply = await postTo(refused);
      expect(reply.status).toBe(401);
      expect(((await reply.json()) as { message: string }).message).toMatch(message);
    }
    const stored = await fixture.database.db.system.toolsWebhookDelivery.findMany({
      where: { orgId: org.orgId, provider: 'resend', eventId: `msg_${id}` },
    });
    expect(stored).toEqual([]);
  });
});

describe('outbound webhooks in a running suite', () => {
  it("delivers a bus event to the org's endpoint, signed, without anyone driving the dispatcher", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { secret } = await org.transaction((tx) =>
        createEndpoint(tx, { url: receiver.url, eventTypes: ['tools.sms.received'] }),
      );
      const published = await sut.publishAs(
        {
          type: 'tools.sms.received',
          data: {
            connectionId: '00000000-0000-4000-8000-000000000001',
            provider: 'twilio',
            messageId: 'SM-outbound-1',
            from: '+14155550123',
            to: '+14155550100',
            body: 'Forward me',
            receivedAt: new Date().toISOString(),
          },
        },
        org.orgId,
      );
      await onceSeen(() => expect(receiver.received).toHaveLength(1));
      const [delivery] = receiver.received;
      const payload = new Webhook(secret).verify(
        delivery?.body as string,
        delivery?.headers as Record<string, string>,
      );
      expect(payload).toMatchObject({ type: 'tools.sms.received', data: { messageId: 'SM-outbound-1' } });
      expect(published.type).toBe('tools.sms.received');
    } finally {
      await receiver.close();
    }
  });
});
