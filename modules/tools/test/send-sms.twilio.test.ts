import type { OrgScope } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureVault } from '../src/vault/keyring';
import {
  startTwilioStandIn,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioStandIn,
} from './support/stand-ins/twilio.stand-in';
import { connect, run } from './support/tool-calls';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';

let fixture: ToolsFixture;
let twilio: TwilioStandIn;
let org: OrgScope;
const credential = { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN };

beforeAll(async () => {
  configureVault({ VAULT_KEYS: testKeyring().entries.join(',') });
  [fixture, twilio] = await Promise.all([toolsFixture(), startTwilioStandIn()]);
  org = await fixture.createOrg();
  const verified = await connect(org, 'twilio', credential, { from: '+14155550100', apiBaseUrl: twilio.url });
  expect(verified).toMatchObject({ ok: true, health: 'connected' });
});
afterAll(async () => {
  await Promise.all([fixture.close(), twilio.close()]);
});

describe('send_sms through Twilio', () => {
  it('sends through the official SDK and answers a vendor-neutral result', async () => {
    const result = await run(org, 'send_sms', { to: '+14155550111', body: 'Your technician is on the way' });
    expect(result).toEqual({
      success: true,
      provider: 'twilio',
      message_id: expect.stringMatching(/^SM/),
      status: 'queued',
    });
    const sent = twilio.requests.at(-1);
    expect(sent?.path).toBe(`/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`);
    expect(sent?.fields).toMatchObject({ To: '+14155550111', From: '+14155550100' });
    expect(JSON.stringify(result)).not.toContain(TWILIO_TOKEN);
  });

  it('a retry with the same idempotency key returns the first result and texts once', async () => {
    const before = twilio.messages.size;
    const first = await run(
      org,
      'send_sms',
      { to: '+14155550112', body: 'Once' },
      { idempotencyKey: 'evt-42' },
    );
    const again = await run(
      org,
      'send_sms',
      { to: '+14155550112', body: 'Once' },
      { idempotencyKey: 'evt-42' },
    );
    expect(again).toEqual(first);
    expect(twilio.messages.size).toBe(before + 1);
    expect(twilio.requests.at(-1)?.headers['i-twilio-idempotency-token']).toBe('evt-42');
  });

  it('a vendor refusal names the field and leaves the connection healthy', async () => {
    const result = await run(org, 'send_sms', { to: '+15550001234', body: 'Hi' });
    expect(result).toEqual({
      success: false,
      provider: 'twilio',
      error: {
        code: 'vendor_rejected',
        field: 'to',
        message: "Twilio refused the message: The 'To' number +15550001234 is not a valid phone number.",
      },
    });
    const connection = await org.transaction((tx) =>
      tx.toolsConnection.findFirstOrThrow({ where: { provider: 'twilio' } }),
    );
    expect(connection.health).toBe('connected');
  });

  it('bad input is refused before any vendor call, naming the field', async () => {
    const calls = twilio.requests.length;
    await expect(run(org, 'send_sms', { to: '0415', body: 'Hi' })).rejects.toThrow(
      /send_sms: to: expected a phone number in E\.164/,
    );
    expect(twilio.requests.length).toBe(calls);
  });

  it('an auth failure answers auth_failed, moves the connection to Error and never shows the token', async () => {
    twilio.state.authToken = 'RotatedAtTwilioConsole0000000002';
    try {
      const result = await run(org, 'send_sms', { to: '+14155550113', body: 'Hi' });
      expect(result).toMatchObject({
        success: false,
        error: {
          code: 'auth_failed',
          field: 'credential.authToken',
          message: expect.stringContaining('Twilio rejected the SID + Auth Token'),
        },
      });
      expect(JSON.stringify(result)).not.toContain(TWILIO_TOKEN);
      const connection = await org.transaction((tx) =>
        tx.toolsConnection.findFirstOrThrow({ where: { provider: 'twilio' } }),
      );
      expect(connection.health).toBe('error');
    } finally {
      twilio.state.authToken = TWILIO_TOKEN;
    }
  });
});

describe('without a vendor', () => {
  it('answers a named error', async () => {
    const lonely = await fixture.createOrg('No vendors');
    await expect(run(lonely, 'send_sms', { to: '+14155550114', body: 'Hi' })).rejects.toThrow(
      'send_sms: no SMS vendor connected for this org; connect one under Settings → Integrations',
    );
  });
});
