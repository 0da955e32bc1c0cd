import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publish } from '@suite/bus';
import { eventually, publishedEvents } from '@suite/bus/testing';
import { forOrg } from '@suite/db';
import { createIntegrationKey, DEV_HUB_SEED } from '@suite/hub-auth';
import { StaffBrowser } from '@suite/hub-auth/testing';
import { toolsModule } from '@suite/tools';
import {
  databaseDump,
  KEYS,
  OAUTH_CLIENT,
  startMetaStandIn,
  startStripeStandIn,
  startTwilioStandIn,
  type ToolsFixture,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioStandIn,
  testKeyring,
  toolsFixture,
  type VendorStandIn,
} from '@suite/tools/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, type RunningSuite } from '../../../src';
import { integrationApi, StaffClient, type TrpcAnswer } from '../../support/staff-client';
import { startTestSuite, type TestSuite } from '../../support/suite-fixture';

const staff = (browser: StaffBrowser) => new StaffClient(browser, 'tools');
const tools = integrationApi('tools');
const NORTHWIND = DEV_HUB_SEED.orgs.find((org) => org.slug === 'northwind')?.id ?? '';
const WEBHOOK_SECRET = 'whsec_StandInSigningSecret0000000001';
const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'tools-logs-')), 'suite.log');
let fixture: ToolsFixture;
let twilio: TwilioStandIn;
let stripe: VendorStandIn;
let meta: VendorStandIn;
let sut: TestSuite;
let suite: RunningSuite;
let owner: StaffBrowser;
let member: StaffBrowser;
/** Every response the test saw, checked for credentials at the end. */
const responses: string[] = [];

async function signedIn(email: string) {
  const browser = new StaffBrowser(suite.url);
  const response = await browser.signIn(email);
  if (response.status !== 303) throw new Error(`sign-in as ${email} failed: ${await response.text()}`);
  return browser;
}
const seen = <T>(answer: TrpcAnswer<T>) => {
  responses.push(answer.body);
  return answer;
};

beforeAll(async () => {
  [fixture, twilio, stripe, meta] = await Promise.all([
    toolsFixture(),
    startTwilioStandIn(),
    startStripeStandIn(),
    startMetaStandIn(),
  ]);
  sut = await startTestSuite({
    modules: [toolsModule],
    database: fixture.database,
    env: { VAULT_KEYS: testKeyring().entries.join(',') },
    log: createLogger('debug', pino.destination({ dest: logFile, sync: true })),
  });
  suite = sut.suite;
  [owner, member] = await Promise.all([signedIn('olivia@northwind.test'), signedIn('mia@northwind.test')]);
});
afterAll(async () => {
  await sut?.close();
  await Promise.all([fixture.close(), twilio.close(), stripe.close(), meta.close()]);
});

describe('staff procedures', () => {
  it('API key connect saves and tests in one step, naming the wrong field', async () => {
    const wrong = seen(
      await staff(owner).mutate('connections.connectApiKey', {
        provider: 'twilio',
        credential: { accountSid: TWILIO_SID, authToken: 'WrongTokenCopiedFromTestCreds001' },
        settings: { from: '+14155550100', apiBaseUrl: twilio.url },
      }),
    );
    expect(wrong.data).toMatchObject({
      ok: false,
      health: 'error',
      field: 'credential.authToken',
      message:
        'Twilio rejected the SID + Auth Token combination — one or both are wrong; use the Live credentials, not test',
    });
    const malformed = seen(
      await staff(owner).mutate('connections.connectApiKey', {
        provider: 'stripe',
        credential: { secretKey: 'pk_live_123' },
      }),
    );
    expect(malformed).toMatchObject({
      status: 400,
      message: expect.stringContaining('Stripe credential.secretKey: expected a secret key'),
    });
    for (const [provider, credential, settings] of [
      [
        'twilio',
        { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN },
        { from: '+14155550100', apiBaseUrl: twilio.url },
      ],
      ['stripe', { secretKey: KEYS.stripe }, { apiBaseUrl: stripe.url }],
    ] as const)
      expect(
        seen(await staff(owner).mutate('connections.connectApiKey', { provider, credential, settings })).data,
      ).toMatchObject({
        ok: true,
        health: 'connected',
      });
  });

  it('OAuth connect: authorize URL with state and PKCE, callback checks both', async () => {
    const started = seen(
      await staff(owner).mutate<{ authorizeUrl: string }>('connections.startOAuth', {
        provider: 'meta',
        ...OAUTH_CLIENT,
        redirectUri: `${suite.url}/settings/integrations/callback`,
        settings: {
          pageId: '1234',
          apiBaseUrl: meta.url,
          authorizeUrl: `${meta.url}/oauth/authorize`,
          tokenUrl: `${meta.url}/oauth/token`,
        },
      }),
    );
    const authorize = new URL(started.data.authorizeUrl);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('client_secret')).toBeNull();
    const back = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '');
    const forged = seen(
      await staff(owner).mutate('connections.finishOAuth', {
        state: 'forged',
        code: back.searchParams.get('code'),
      }),
    );
    expect(forged).toMatchObject({ status: 400, message: expect.stringContaining('unknown or expired') });
    const finished = seen(
      await staff(owner).mutate('connections.finishOAuth', {
        state: back.searchParams.get('state'),
        code: back.searchParams.get('code'),
      }),
    );
    expect(finished.data).toMatchObject({ ok: true, health: 'connected' });
  });

  it('webhook secret stored, inbound URL shown; list shows health and no credential', async () => {
    const saved = seen(
      await staff(owner).mutate('connections.saveWebhookSecret', {
        provider: 'twilio',
        signingSecret: WEBHOOK_SECRET,
      }),
    );
    expect(saved.data).toEqual({
      webhookUrl: expect.stringMatching(/^\/tools\/webhooks\/twilio\/[0-9a-f-]{36}$/),
    });
    const list = seen(
      await staff(owner).query<{ provider: string; health: string; hasWebhookSecret: boolean }[]>(
        'connections.list',
      ),
    );
    const byProvider = Object.fromEntries(list.data.map((row) => [row.provider, row]));
    expect(byProvider.twilio).toMatchObject({ health: 'connected', hasWebhookSecret: true });
    expect(byProvider.meta).toMatchObject({ health: 'connected' });
    expect(byProvider.mapbox).toMatchObject({ health: 'not_connected' });
  });

  it('permissions: a Member runs tools but cannot see or manage connections', async () => {
    expect(seen(await staff(member).query('connections.list'))).toMatchObject({ status: 403 });
    const ran = seen(
      await staff(member).mutate('tools.run', {
        tool: 'send_sms',
        input: { to: '+14155550131', body: 'From the console' },
        idempotencyKey: 'console-test-0001',
      }),
    );
    expect(ran.data).toMatchObject({ success: true, provider: 'twilio' });
  });

  it('rate limits are set per org by an Owner, read by an Admin-level reader', async () => {
    const set = seen(
      await staff(owner).mutate('rateLimits.set', { tool: 'send_sms', limit: 500, windowSeconds: 60 }),
    );
    expect(set.data).toEqual({ tool: 'send_sms', limit: 500, windowSeconds: 60 });
    const list = seen(await staff(owner).query<{ tool: string; limit: number }[]>('rateLimits.list'));
    expect(list.data.find((row) => row.tool === 'send_sms')).toMatchObject({ limit: 500 });
    expect(list.data.find((row) => row.tool === 'geocode_address')).toMatchObject({ limit: 300 });
    expect(
      seen(await staff(member).mutate('rateLimits.set', { tool: 'send_sms', limit: 1, windowSeconds: 60 })),
    ).toMatchObject({
      status: 403,
    });
  });

  it('a sister product runs a tool with a scoped integration key', async () => {
    const { key } = await createIntegrationKey(forOrg(fixture.database.db.app, NORTHWIND), {
      caller: 'crm',
      target: 'tools',
      scopes: ['tools:run'],
      actor: 'test',
    });
    const charged = seen(
      await tools.mutate(suite.url, key, 'run', {
        tool: 'charge_card',
        input: { amount: 4200, currency: 'usd', payment_method: 'tok_visa' },
        idempotencyKey: 'invoice-1042-pay',
      }),
    );
    expect(charged.data).toEqual({
      success: true,
      provider: 'stripe',
      charge_id: expect.stringMatching(/^ch_/),
      status: 'succeeded',
    });
    const unknown = seen(
      await tools.mutate(suite.url, key, 'run', {
        tool: 'fax',
        input: {},
        idempotencyKey: 'fax-00000001',
      }),
    );
    expect(unknown).toMatchObject({ status: 400, message: expect.stringContaining('unknown tool "fax"') });
  });
});

describe('secrets grep', () => {
  it('no raw credential in any response, log line, bus table or pg_dump', async () => {
    // A bus-driven run through a failing then fixed credential, so events and logs have something to say.
    twilio.state.authToken = 'RevokedAtTwilioConsole0000000004';
    await forOrg(fixture.database.db.app, NORTHWIND).transaction((tx) =>
      publish(tx, {
        type: 'tools.run.requested',
        data: {
          requestId: 'grep-1',
          tool: 'send_sms',
          input: { to: '+14155550132', body: 'grep' },
          requestedBy: 'workflow:grep',
        },
      }),
    );
    await eventually('the run parked', () =>
      fixture.database.db.system.toolsPausedRun.count().then((count) => count === 1),
    );
    twilio.state.authToken = TWILIO_TOKEN;
    const [connection] = await fixture.database.db.system.toolsConnection.findMany({
      where: { provider: 'twilio' },
    });
    seen(await staff(owner).mutate('connections.verify', { connectionId: connection?.id }));

    const secrets = [
      TWILIO_TOKEN,
      KEYS.stripe,
      OAUTH_CLIENT.clientSecret,
      WEBHOOK_SECRET,
      ...(meta.oauth?.accessTokens ?? []),
    ];
    const system = fixture.database.db.system;
    const busTables = JSON.stringify(
      await Promise.all([
        publishedEvents(fixture.database.db),
        system.busLogEntry.findMany(),
        system.busDeadLetter.findMany(),
      ]),
      (_key, value) => (typeof value === 'bigint' ? String(value) : value),
    );
    const { text: dump } = await databaseDump(fixture.database.url);
    const logs = readFileSync(logFile, 'utf8');
    expect(logs.length).toBeGreaterThan(0);
    expect(busTables).toContain('tools.connection.health_changed');
    expect(dump).toMatch(/decrypt_audit/);
    for (const secret of secrets) {
      expect(responses.join('\n'), 'a response').not.toContain(secret);
      expect(logs, 'the logs').not.toContain(secret);
      expect(busTables, 'the bus tables').not.toContain(secret);
      expect(dump, 'pg_dump').not.toContain(secret);
    }
  });
});
