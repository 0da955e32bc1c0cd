import { randomUUID } from 'node:crypto';
import { defineSubscription, publish } from '@suite/bus';
import { crmCompanyPromoted, defineModule } from '@suite/contracts';
import { forOrg } from '@suite/db';
import { DEV_HUB_SEED } from '@suite/hub-auth';
import type { StaffBrowser } from '@suite/hub-auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SuiteUnderTest, startTestSuite } from '../hub-sso/test-suite';

// The console's platform procedures (/platform/trpc): keys and the bus, each org seeing its own only.
const orgId = (slug: string) => DEV_HUB_SEED.orgs.find((org) => org.slug === slug)?.id ?? '';
const NORTHWIND = orgId('northwind');
const CONTOSO = orgId('contoso');

const failing = defineModule({
  name: 'crm',
  subscriptions: [
    defineSubscription({
      group: 'test.always-fails',
      types: [crmCompanyPromoted],
      retry: { attempts: 1 },
      async handler(event) {
        throw new Error(`cannot handle ${event.data.name}`);
      },
    }),
  ],
});

let sut: SuiteUnderTest;
beforeAll(async () => {
  sut = await startTestSuite({}, [failing]);
});
afterAll(() => sut?.close());

type Answer = { status: number; body: unknown };
const data = <T>(answer: Answer) => (answer.body as { result: { data: T } }).result.data;
const message = (answer: Answer) => (answer.body as { error: { message: string } }).error.message;
const requestId = (answer: Answer) =>
  (answer.body as { error: { data: { requestId: string } } }).error.data.requestId;

const mutate = (browser: StaffBrowser, path: string, input: unknown) =>
  browser.postJson(`/platform/trpc/${path}`, input);
const query = (browser: StaffBrowser, path: string, input: unknown = {}) =>
  browser.json(`/platform/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);

async function promotedIn(org: string, name: string): Promise<void> {
  await forOrg(sut.database.db.app, org).transaction((tx) =>
    publish(tx, {
      type: 'crm.company.promoted',
      data: {
        companyId: randomUUID(),
        name,
        domain: null,
        contacts: [],
        contract: null,
        promotedBy: DEV_HUB_SEED.users[0]?.id ?? '',
        promotedAt: new Date().toISOString(),
      },
    }),
  );
}

async function deadLetters(browser: StaffBrowser, count: number): Promise<{ id: string; error: string }[]> {
  for (const deadline = Date.now() + 20_000; ; ) {
    const letters = data<{ id: string; error: string }[]>(await query(browser, 'bus.deadLetters'));
    if (letters.length >= count || Date.now() > deadline) return letters;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('integration keys in the console', () => {
  it('Owners and Admins manage them; a Member gets 403 naming the permission, with the request id', async () => {
    const mia = await sut.signedIn('mia@northwind.test');
    const refused = await query(mia, 'keys.list');
    expect(refused.status).toBe(403);
    expect(message(refused)).toContain('missing permission platform.keys.manage');
    expect(requestId(refused)).toMatch(/\S+/);

    const adam = await sut.signedIn('adam@northwind.test');
    const made = await mutate(adam, 'keys.create', {
      caller: 'psa',
      target: 'crm',
      scopes: ['crm:*'],
      label: 'psa prod',
    });
    expect(made.status).toBe(200);
    const { key, envLine, summary } = data<{ key: string; envLine: string; summary: { id: string } }>(made);
    expect(envLine).toBe(`CRM_INTEGRATION_KEY=${NORTHWIND}=${key}`);
    const listed = data<{ id: string; label: string; status: string }[]>(await query(adam, 'keys.list'));
    expect(listed).toEqual([
      expect.objectContaining({ id: summary.id, label: 'psa prod', status: 'active' }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(key);

    const rotated = data<{ key: string; previous: { expiresAt: string } }>(
      await mutate(adam, 'keys.rotate', { keyId: summary.id, overlapHours: 1 }),
    );
    expect(rotated.key).not.toBe(key);
    expect(Date.parse(rotated.previous.expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);
  });

  it('another org’s key is neither listed nor revocable', async () => {
    const olivia = await sut.signedIn('olivia@northwind.test');
    const made = data<{ summary: { id: string } }>(
      await mutate(olivia, 'keys.create', { caller: 'books', target: 'crm', scopes: ['crm:health.get'] }),
    );
    const carl = await sut.signedIn('carl@contoso.test');
    expect(data<unknown[]>(await query(carl, 'keys.list'))).toEqual([]);
    const revoke = await mutate(carl, 'keys.revoke', { keyId: made.summary.id });
    expect(revoke.status).toBe(400);
    expect(message(revoke)).toContain(`org ${CONTOSO} has no integration key ${made.summary.id}`);
    const bad = await mutate(olivia, 'keys.create', { caller: 'books', target: 'crm', scopes: ['psa:*'] });
    expect(bad.status).toBe(400);
    expect(message(bad)).toContain(`is for psa, but the key opens crm's integration API`);
  });
});

describe('the bus in the console', () => {
  it('lists and replays the active org’s dead letters only', async () => {
    await promotedIn(NORTHWIND, 'Northwind Poison');
    await promotedIn(CONTOSO, 'Contoso Poison');
    const olivia = await sut.signedIn('olivia@northwind.test');
    const carl = await sut.signedIn('carl@contoso.test');
    const [ours, ...more] = await deadLetters(olivia, 1);
    const [theirs] = await deadLetters(carl, 1);
    expect(more).toEqual([]);
    expect(ours?.error).toContain('cannot handle Northwind Poison');
    expect(theirs?.error).toContain('cannot handle Contoso Poison');

    const status = data<{ groups: { group: string }[] }>(await query(olivia, 'bus.status'));
    expect(status.groups.map((group) => group.group)).toContain('test.always-fails');

    const across = await mutate(olivia, 'bus.replay', { id: theirs?.id });
    expect(across.status).toBe(404);
    expect(message(across)).toBe(`dead letter ${theirs?.id} not found`);
    expect(data(await mutate(olivia, 'bus.replay', { id: ours?.id }))).toEqual({ queued: [ours?.id] });

    const mia = await sut.signedIn('mia@northwind.test');
    expect((await query(mia, 'bus.deadLetters')).status).toBe(403);
  });
});

describe('right to erasure in the console', () => {
  type Report = { steps: { step: string; outcome: string }[]; eventPublished: boolean };

  it('needs tools.erasure.run, refuses a person given by neither field, and erases in the active org', async () => {
    const mia = await sut.signedIn('mia@northwind.test');
    const refused = await mutate(mia, 'erasure.forget', { email: 'someone@example.com' });
    expect(refused.status).toBe(403);
    expect(message(refused)).toContain('missing permission tools.erasure.run');

    const adam = await sut.signedIn('adam@northwind.test');
    const nobody = await mutate(adam, 'erasure.forget', {});
    expect(nobody.status).toBe(400);
    expect(message(nobody)).toContain('email: give the email or the phone number');
    const badPhone = await mutate(adam, 'erasure.forget', { phone: 'call me maybe' });
    expect(badPhone.status).toBe(400);
    expect(message(badPhone)).toContain('phone: "call me maybe" is not a phone number');

    const done = await mutate(adam, 'erasure.forget', { email: 'someone@example.com' });
    expect(done.status).toBe(200);
    expect(data<Report>(done)).toMatchObject({ eventPublished: true, divergences: 0 });
    expect(data<Report>(done).steps.map((step) => step.step)).toEqual(
      expect.arrayContaining(['module crm', 'module voice', 'own mailbox']),
    );
    const audit = await forOrg(sut.database.db.app, NORTHWIND).transaction((tx) =>
      tx.auditLogEntry.count({
        where: { action: 'tools.erasure.completed', actor: { startsWith: 'staff:' } },
      }),
    );
    expect(audit).toBe(1);
  });
});

describe('the console at the waffle menu’s paths', () => {
  it('serves the page at /<product>/…, its assets under /console/, and never the page for an API path', async () => {
    const browser = sut.browser();
    const bare = await browser.request('/crm');
    expect([bare.status, bare.headers.get('location')]).toEqual([308, '/crm/']);
    for (const path of ['/crm/', '/psa/clients/42', '/settings/keys', '/books/']) {
      const page = await browser.request(path);
      expect([path, page.status, page.headers.get('content-type')]).toEqual([
        path,
        200,
        'text/html; charset=utf-8',
      ]);
      expect(await page.text()).toContain('<div id="root"></div>');
    }
    const html = await (await browser.request('/crm/')).text();
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const asset = await browser.request(script);
    expect([asset.status, asset.headers.get('cache-control')]).toEqual([
      200,
      'public, max-age=31536000, immutable',
    ]);
    expect((await browser.request('/console/assets/../../package.json')).status).toBe(404);
    // This suite runs no CRM router: its API paths answer 404 as an API, not with the page.
    expect(await browser.json('/crm/trpc/companies.list')).toEqual({
      status: 404,
      body: { error: 'not_found', message: 'crm does not run in this process' },
    });
  });
});
