import { randomBytes, randomUUID } from 'node:crypto';
import { publish } from '@suite/bus';
import { forOrg } from '@suite/db';
import { DEV_HUB_SEED } from '@suite/hub-auth';
import {
  connectM365,
  mail,
  runDeltaSync,
  startGraphStandIn,
  startTwilioStandIn,
  startWebhookReceiver,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioStandIn,
  trustGraphStandIn,
  twilioDelivery,
} from '@suite/tools/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, launchChromium, signIn } from './support/chromium';
import { type ConsoleSuite, type StaffApi, startConsoleSuite } from './support/console-suite';

// Each walk is a role in the real console: Chromium, the dev Hub's sign-in, the real suite behind it.
let sut: ConsoleSuite;
let chromium: Browser;
let olivia: StaffApi;
let url: string;
let twilio: TwilioStandIn;

interface Company {
  id: string;
}
interface Deal {
  dealId: string;
}

async function company(api: StaffApi, name: string): Promise<string> {
  const made = await api.mutate<Company>('crm/companies.create', {
    name,
    domain: `${name.toLowerCase().replace(/\W+/g, '')}.test`,
  });
  await api.mutate('crm/contacts.create', {
    companyId: made.id,
    name: `${name} Buyer`,
    email: 'buyer@example.test',
  });
  return made.id;
}

async function deal(api: StaffApi, companyId: string, name: string): Promise<string> {
  const made = await api.mutate<Deal>('crm/deals.create', {
    companyId,
    name,
    stage: 'proposal',
    value: '12000',
    recurringRevenue: '900',
  });
  return made.dealId;
}

const text = (page: Page, content: string | RegExp) => page.getByText(content).first();

/**
 * Polls `probe` until it returns something (an effect that arrives over the bus, some after two hops:
 * vendor callback → Voice → CRM), allowing for a CI machine running four test files at once.
 */
async function arrived<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not arrive within 60 s`);
}

const NORTHWIND = DEV_HUB_SEED.orgs.find((org) => org.slug === 'northwind')?.id ?? '';

beforeAll(async () => {
  chromium = await launchChromium();
  twilio = await startTwilioStandIn();
  sut = await startConsoleSuite();
  url = sut.suite.url;
  olivia = await sut.api('olivia@northwind.test');
});
afterAll(async () => {
  await chromium?.close();
  await sut?.close();
  await twilio?.close();
});

describe('the staff console in Chromium', () => {
  it('Mia (Member) marks a deal won and sees the PSA project appear', async () => {
    const acme = await company(olivia, 'Acme Dental');
    await deal(olivia, acme, 'Acme managed services');
    const page = await signIn(chromium, url, 'Mia Member', '/crm/deals');
    await checkPage(page, 'crm-deals');
    expect(await page.getByRole('checkbox', { name: 'Create a PSA project' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Mark won: Acme managed services' }).click();
    const link = page.getByRole('link', { name: 'Acme managed services' });
    await link.waitFor({ timeout: 20_000 });
    await link.click();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    await text(page, 'Acme managed services').waitFor();
    await checkPage(page, 'psa-projects');
  });

  it('Adam (Admin) promotes a company, opens the PSA client with the CRM sidebar and works it', async () => {
    const globex = await company(olivia, 'Globex');
    const won = await deal(olivia, globex, 'Globex backup');
    await olivia.mutate('crm/deals.markWon', { dealId: won, createProject: false });
    await deal(olivia, globex, 'Globex expansion');
    await olivia.mutate('psa/services.create', {
      code: 'M365-BASIC',
      name: 'Microsoft 365 Basic',
      unitPrice: '6.00',
      recurring: true,
    });
    const page = await signIn(chromium, url, 'Adam Admin', '/crm/companies');
    await page.getByLabel('Search by name').fill('glob');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Globex' }).click();
    await page.getByRole('heading', { name: 'Health score' }).waitFor();
    await text(page, 'Globex Buyer').waitFor();
    await checkPage(page, 'crm-company');

    await page.getByRole('button', { name: 'Promote to PSA client' }).click();
    await page.getByRole('link', { name: 'Open the PSA client' }).click({ timeout: 20_000 });
    const sidebar = page.getByRole('complementary', { name: 'CRM' });
    await sidebar.getByRole('heading', { name: 'From CRM' }).waitFor();
    expect(await sidebar.textContent()).toContain('1 open deal ·');
    await sidebar.getByText('Globex expansion').first().waitFor();
    await sidebar.getByText('Globex promoted to a PSA client').first().waitFor();
    expect(await sidebar.getByRole('heading', { name: 'Health score' }).isVisible()).toBe(true);
    await checkPage(page, 'psa-client');

    await page.getByLabel('New ticket').fill('Printer offline');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByLabel(/Status of ticket/).selectOption('in_progress');
    await page.getByRole('button', { name: 'Add Service' }).click();
    await text(page, /CRM quote Q-\d+/).waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Sign Globex backup' }).click();
    await text(page, /revision 1 · signed/).waitFor();
    await page.getByText('Amend', { exact: true }).click();
    await page.getByLabel(/Monthly value/).fill('1200');
    await page.getByRole('button', { name: 'Amend and send the addendum' }).click();
    await text(page, /revision 2/).waitFor();
    await page.reload();
    expect(await page.getByLabel(/Status of ticket/).inputValue()).toBe('in_progress');

    await page.getByLabel('Client status').selectOption('on_hold');
    await page.getByRole('button', { name: 'Change status' }).click();
    await text(page, 'globex.test · on_hold').waitFor();

    await page.goto(`${url}/crm/companies/${globex}`);
    for (const entry of ['E-sign addendum requested for contract revision 2', 'Quote Q-', 'Printer offline'])
      await text(page, entry).waitFor({ timeout: 20_000 });
  });

  it('Olivia (Owner) creates and revokes an integration key; the revoked key gets 401', async () => {
    const page = await signIn(chromium, url, 'Olivia Owner', '/settings/keys');
    await page.getByLabel('Calling product').fill('psa');
    await page.getByLabel('Module it calls').selectOption('crm');
    await page.getByLabel('Scopes (space separated)').fill('psa:health.get');
    await page.getByRole('button', { name: 'Create key' }).click();
    await text(page, 'Request id').waitFor();
    await text(page, `scope "psa:health.get" is for psa, but the key opens crm's integration API`).waitFor();
    await checkPage(page, 'settings-keys-error');
    await page.getByLabel('Scopes (space separated)').fill('crm:health.get');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('issued-key').textContent()) ?? '';
    expect(key).toMatch(/^osk_[0-9a-f]{16}_/);
    await text(page, /^CRM_INTEGRATION_KEY=.+=osk_/).waitFor();
    await checkPage(page, 'settings-keys');

    const [anyCompany] = await olivia.query<Company[]>('crm/companies.list', {});
    const call = () =>
      fetch(
        `${url}/crm/integration/health.get?input=${encodeURIComponent(JSON.stringify({ companyId: anyCompany?.id }))}`,
        {
          headers: { 'x-integration-key': key },
        },
      );
    expect((await call()).status).toBe(200);
    const prefix = key.slice(0, 20);
    await page.getByRole('button', { name: `Revoke ${prefix}` }).click();
    await page.getByRole('cell', { name: 'revoked' }).waitFor();
    let status = 0;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      status = (await call()).status;
      if (status === 401) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(401);
  });

  it('Olivia (Owner) connects Twilio: a wrong key shows the actionable error, the right one goes green', async () => {
    const page = await signIn(chromium, url, 'Olivia Owner', '/settings/integrations');
    const card = page.getByRole('article', { name: /^Twilio/ });
    await card.getByText('Not connected').waitFor();
    await checkPage(page, 'settings-integrations');
    const saveAndTest = async (opener: string, authToken: string) => {
      await card.getByRole('button', { name: opener }).click();
      const form = card.getByRole('form', { name: 'Connect Twilio' });
      await form.getByLabel('Account SID').fill(TWILIO_SID);
      await form.getByLabel('Auth token').fill(authToken);
      await form.getByLabel('From').fill('+14155550100');
      await form.getByLabel(/^API base URL/).fill(twilio.url);
      await form.getByRole('button', { name: 'Save & Test' }).click();
      return form;
    };
    const form = await saveAndTest('Connect Twilio', 'WrongTokenWrongTokenWrongToken00');
    await form
      .getByRole('status')
      .getByText(
        'Twilio rejected the SID + Auth Token combination — one or both are wrong; use the Live credentials, not test',
      )
      .waitFor();
    expect(await form.getByLabel('Auth token').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'settings-integrations-wrong-key');
    await form.getByRole('button', { name: 'Close' }).click();
    // The wrong key was stored and failed its test: once the page has reloaded, the card says so.
    await card.locator('.pill-error', { hasText: 'Error' }).first().waitFor();

    await saveAndTest('Replace key of Twilio', TWILIO_TOKEN);
    await card.getByRole('status').getByText('Twilio is connected').waitFor();
    await card.locator('.pill-connected', { hasText: 'Connected' }).first().waitFor();
    await card.getByRole('button', { name: 'Verify Twilio' }).click();
    await card.getByRole('status').getByText('Twilio is connected').waitFor();
    expect(await page.getByLabel('send_sms').locator('option:checked').textContent()).toBe(
      'its one connected vendor',
    );
    await page.getByLabel('send_sms').selectOption('twilio');
    // The select shows the org's stored choice, so it reads twilio once the choice is saved.
    await expect.poll(() => page.getByLabel('send_sms').inputValue(), { timeout: 10_000 }).toBe('twilio');
    await page.reload();
    // The choices load after the page: the select reads the stored choice once they are in.
    await expect.poll(() => page.getByLabel('send_sms').inputValue(), { timeout: 10_000 }).toBe('twilio');
    await text(page, 'No paused runs.').waitFor();
    expect(await page.content()).not.toContain(TWILIO_TOKEN);
    await checkPage(page, 'settings-integrations-connected');
  });

  it('Olivia (Owner) adds a webhook endpoint, presses Test, sees the delivery in the log, edits and deletes it', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const page = await signIn(chromium, url, 'Olivia Owner', '/settings/webhooks');
      await text(page, 'No webhook endpoints yet.').waitFor();
      const add = page.getByRole('form', { name: 'Add an endpoint' });
      await add.getByLabel('Endpoint URL').fill('receiver.example/hooks');
      await add.getByRole('checkbox', { name: 'crm.deal.won' }).check();
      await add.getByRole('button', { name: 'Add endpoint' }).click();
      await add.getByText('url: expected an absolute URL like https://example.com/webhooks').waitFor();
      await add.getByText('Request id').waitFor();
      await add.getByLabel('Endpoint URL').fill(receiver.url);
      await add.getByRole('checkbox', { name: 'crm.deal.won' }).check();
      await add.getByRole('button', { name: 'Add endpoint' }).click();
      const secret = (await page.getByTestId('endpoint-secret').textContent()) ?? '';
      expect(secret).toMatch(/^whsec_/);
      await checkPage(page, 'settings-webhooks-added');

      await page.getByRole('button', { name: `Test ${receiver.url}` }).click();
      await text(page, /^Test event delivered: HTTP 200 in \d+ ms$/).waitFor({ timeout: 20_000 });
      const log = page.getByRole('region', { name: 'Delivery log' });
      await log.getByRole('cell', { name: 'webhook.test' }).waitFor();
      await log.getByRole('cell', { name: 'answered 200' }).waitFor();
      expect(receiver.received.map((request) => JSON.parse(request.body).type)).toEqual(['webhook.test']);
      await checkPage(page, 'settings-webhooks');

      await page.getByRole('button', { name: `Disable ${receiver.url}` }).click();
      await page.locator('.pill-error', { hasText: 'disabled' }).waitFor();
      await page.getByRole('button', { name: `Enable ${receiver.url}` }).click();
      await page.locator('.pill-connected', { hasText: 'enabled' }).waitFor();
      await page.reload();
      await log.getByRole('cell', { name: 'webhook.test' }).waitFor();
      expect(await page.content()).not.toContain(secret);

      const moved = `${receiver.url}/v2`;
      await page.getByRole('button', { name: `Edit ${receiver.url}` }).click();
      const edit = page.getByRole('form', { name: `Edit ${receiver.url}` });
      expect(await edit.getByRole('checkbox', { name: 'crm.deal.won' }).isChecked()).toBe(true);
      await edit.getByLabel('Endpoint URL').fill('not a url');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await edit.getByText('url: expected an absolute URL like https://example.com/webhooks').waitFor();
      await checkPage(page, 'settings-webhooks-edit');
      await edit.getByLabel('Endpoint URL').fill(moved);
      await edit.getByRole('checkbox', { name: 'crm.deal.won' }).uncheck();
      await edit.getByRole('checkbox', { name: 'tools.sms.received' }).check();
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await edit.waitFor({ state: 'detached' });
      await page.reload();
      const endpoints = page.getByRole('region', { name: 'Webhook endpoints' });
      await endpoints.getByRole('cell', { name: moved, exact: true }).waitFor();
      await endpoints.getByRole('cell', { name: 'tools.sms.received', exact: true }).waitFor();

      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: `Delete ${moved}` }).click();
      await text(page, 'No webhook endpoints yet.').waitFor();
      await page.reload();
      await text(page, 'No webhook endpoints yet.').waitFor();
      await checkPage(page, 'settings-webhooks-deleted');
    } finally {
      await receiver.close();
    }
  });

  it('Olivia (Owner) replays a dead letter once the bug is fixed', async () => {
    const initech = await company(olivia, 'Initech');
    sut.poisoned.add(initech);
    await olivia.mutate('crm/companies.promote', { companyId: initech });
    const page = await signIn(chromium, url, 'Olivia Owner', '/settings/bus');
    for (let round = 0; !(await text(page, `cannot set up client ${initech}`).isVisible()); round++) {
      expect(round, 'the dead letter shows within 20 s').toBeLessThan(40);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(500);
    }
    await checkPage(page, 'settings-bus');
    sut.poisoned.delete(initech);
    await page.getByRole('button', { name: /^Replay dead letter/ }).click();
    for (let round = 0; ; round++) {
      const clients = await olivia.query<{ crmCompanyId: string }[]>('psa/clients.list');
      if (clients.some((client) => client.crmCompanyId === initech)) break;
      expect(round, 'the replayed promotion reaches PSA within 20 s').toBeLessThan(80);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  it('Victor (Viewer) sees read-only pages and no Settings', async () => {
    const page = await signIn(chromium, url, 'Victor Viewer', '/crm/deals');
    await text(page, 'Acme managed services').waitFor();
    expect(await page.getByRole('button', { name: /^Mark won/ }).count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Console' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Companies',
      'Deals',
      'Clients',
      'Projects',
      'Calls',
      'Invoices',
    ]);
    await page.getByRole('link', { name: 'Companies' }).click();
    await page.getByRole('link', { name: 'Globex' }).click();
    await page.getByRole('heading', { name: 'Health score' }).waitFor();
    expect(await page.getByRole('button', { name: 'Promote to PSA client' }).count()).toBe(0);
    await checkPage(page, 'crm-company-viewer');
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('link', { name: 'Globex' }).click();
    await page.getByRole('heading', { name: 'From CRM' }).waitFor();
    for (const write of ['Add Service', 'Create', 'Change status', 'Sign Globex backup'])
      expect(await page.getByRole('button', { name: write }).count(), write).toBe(0);
    await checkPage(page, 'psa-client-viewer');

    await page.goto(`${url}/settings/keys`);
    await page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
    await text(page, 'platform.keys.manage').waitFor();
    await checkPage(page, 'no-access');
  });

  it('after an org switch no page shows the previous org’s data', async () => {
    const carl = await sut.api('carl@contoso.test');
    const contosoOnly = await company(carl, 'Contoso Only Co');
    const page = await signIn(chromium, url, 'Dana Dual', '/crm/companies');
    await page.getByRole('link', { name: 'Globex' }).waitFor();
    expect(await page.getByRole('link', { name: 'Contoso Only Co' }).count()).toBe(0);

    await page.getByLabel('Org').selectOption({ label: 'Contoso IT' });
    await page.waitForURL(`${url}/crm/`);
    await page.getByRole('link', { name: 'Contoso Only Co' }).waitFor();
    for (const northwindName of ['Globex', 'Acme Dental', 'Initech'])
      expect(await text(page, northwindName).count(), northwindName).toBe(0);
    await page.goto(`${url}/crm/deals`);
    await page.getByRole('heading', { name: 'Deals pipeline' }).waitFor();
    await page.getByRole('heading', { name: /^won/ }).waitFor();
    expect(await text(page, 'Acme managed services').count()).toBe(0);
    await page.goto(`${url}/psa/clients`);
    await text(page, 'No clients yet').waitFor();
    await page.goto(`${url}/crm/companies/${contosoOnly}`);
    await text(page, 'Contoso Only Co Buyer').waitFor();
    await checkPage(page, 'crm-company-after-switch');
  });

  it('a phone-sized screen shows the same page in one column', async () => {
    const page = await signIn(chromium, url, 'Adam Admin', '/crm/companies');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Globex' }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await checkPage(page, 'crm-company-phone');
  });
  it('Adam (Admin) hears a call recording; Victor (Viewer) sees the call log but is refused the recording', async () => {
    const umbrella = await company(olivia, 'Umbrella Calls');
    await olivia.mutate('crm/contacts.create', {
      companyId: umbrella,
      name: 'Rita Ringer',
      phone: '+14155550142',
    });
    const twilioConnection = await olivia.mutate<{ connectionId: string; ok: boolean }>(
      'tools/connections.connectApiKey',
      {
        provider: 'twilio',
        credential: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN },
        settings: { from: '+14155550100', apiBaseUrl: twilio.url },
      },
    );
    expect(twilioConnection.ok).toBe(true);
    await olivia.mutate('voice/settings.update', { recordingEnabled: true });
    const webhookUrl = `${url}/tools/webhooks/twilio/${twilioConnection.connectionId}`;
    const twilioPosts = async (params: Record<string, string>) => {
      const delivery = twilioDelivery(TWILIO_TOKEN, webhookUrl, params);
      const posted = await fetch(webhookUrl, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
      });
      expect(posted.status).toBe(200);
    };
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const call = {
      AccountSid: TWILIO_SID,
      CallSid: callSid,
      Direction: 'inbound',
      From: '+14155550142',
      To: '+14155550100',
    };
    await twilioPosts({ ...call, CallStatus: 'ringing', SequenceNumber: '0' });
    type CallRow = { id: string; recordingUrl: string | null; companyId: string | null };
    // The org's only call so far: the newest in the log.
    const latestCall = async () =>
      (await olivia.query<{ items: CallRow[] }>('voice/calls.list', {})).items[0];
    const ringing = await arrived('the ringing call in Voice', latestCall);
    await olivia.mutate('voice/calls.match', { callId: ringing.id });
    await twilioPosts({ ...call, CallStatus: 'completed', SequenceNumber: '1', CallDuration: '95' });
    await twilioPosts({
      AccountSid: TWILIO_SID,
      CallSid: callSid,
      RecordingSid: `RE${randomBytes(16).toString('hex')}`,
      RecordingStatus: 'completed',
      RecordingDuration: '90',
    });
    const recorded = await arrived('the recording link', async () => {
      const row = await latestCall();
      return row?.recordingUrl ? row.recordingUrl : undefined;
    });

    const victor = await signIn(chromium, url, 'Victor Viewer', '/voice/calls');
    await text(victor, 'Rita Ringer, Umbrella Calls').waitFor();
    await text(victor, '1:35').waitFor();
    await checkPage(victor, 'voice-calls');
    await victor.getByRole('link', { name: 'Listen' }).first().click();
    await victor.waitForURL(`${url}${recorded}`);
    await victor.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
    await text(victor, 'voice.recordings.read').waitFor();
    expect(await victor.locator('audio').count()).toBe(0);
    await checkPage(victor, 'voice-recording-refused');

    const adam = await signIn(chromium, url, 'Adam Admin', recorded);
    await adam.getByRole('heading', { name: 'Call recording' }).waitFor();
    // The suite's own stream, never the vendor's address; it plays with Adam's session only.
    const src = (await adam.locator('audio').getAttribute('src')) ?? '';
    expect(src).toBe(`${recorded}/audio`);
    const heard = (page: Page) =>
      page.evaluate(async (path) => {
        const answer = await fetch(path);
        return [answer.status, answer.headers.get('content-type'), (await answer.arrayBuffer()).byteLength];
      }, src);
    expect(await heard(adam)).toEqual([200, 'audio/mpeg', expect.any(Number)]);
    expect((await heard(adam))[2]).toBeGreaterThan(0);
    expect((await heard(victor))[0]).toBe(403);
    expect((await fetch(`${url}${src}`)).status).toBe(401);
    await checkPage(adam, 'voice-recording');
    await arrived('the recording on the call timeline entry', async () => {
      const timeline = await olivia.query<{ items: { kind: string; detail: { recordingUrl?: string } }[] }>(
        'crm/timeline.list',
        { companyId: umbrella },
      );
      return timeline.items.find((item) => item.kind === 'call' && item.detail.recordingUrl === recorded);
    });
    await adam.goto(`${url}/crm/companies/${umbrella}`);
    await adam.getByRole('link', { name: 'Listen to the recording' }).click({ timeout: 20_000 });
    await adam.getByRole('heading', { name: 'Call recording' }).waitFor();
  });

  it('Adam (Admin) finds an invoice made through Books, its lines, and reaches it from the company timeline', async () => {
    const hooli = await company(olivia, 'Hooli Billing');
    await olivia.mutate('crm/companies.promote', { companyId: hooli });
    const account = await olivia.mutate<{ glAccountId: string }>('books/gl.createAccount', {
      code: '4010',
      name: 'Hardware',
    });
    await olivia.mutate('books/gl.mapItem', { itemCode: 'HW-LAPTOP', glAccountId: account.glAccountId });
    const draft = await arrived('the billing account from the promotion', () =>
      olivia
        .mutate<{ invoiceId: string }>('books/invoices.create', {
          crmCompanyId: hooli,
          currency: 'USD',
          lines: [
            {
              itemCode: 'HW-LAPTOP',
              description: 'Laptop for the front desk',
              quantity: 2,
              unitPrice: '999.99',
            },
          ],
          idempotencyKey: randomUUID(),
        })
        .catch(() => undefined),
    );
    const invoice = await olivia.mutate<{ number: string }>('books/invoices.finalize', {
      invoiceId: draft.invoiceId,
    });

    const page = await signIn(chromium, url, 'Adam Admin', '/books/invoices');
    const row = page.getByRole('row', { name: new RegExp(invoice.number) });
    await row.getByRole('cell', { name: 'Hooli Billing' }).waitFor();
    expect(await row.textContent()).toContain('1,999.98');
    await checkPage(page, 'books-invoices');
    await page.getByRole('link', { name: invoice.number }).click();
    await page.getByRole('heading', { name: `Invoice ${invoice.number}` }).waitFor();
    await text(page, 'Laptop for the front desk').waitFor();
    await checkPage(page, 'books-invoice');

    await arrived('the invoice on the timeline', async () => {
      const timeline = await olivia.query<{ items: { kind: string }[] }>('crm/timeline.list', {
        companyId: hooli,
      });
      return timeline.items.find((item) => item.kind === 'invoice.finalized');
    });
    await page.goto(`${url}/crm/companies/${hooli}`);
    await page.getByRole('link', { name: 'Open the invoice' }).click();
    await page.getByRole('heading', { name: `Invoice ${invoice.number}` }).waitFor();
  });

  it('Mia (Member) sees a contact whose email hard-bounced flagged, and the bounce on the company timeline', async () => {
    const initech = await company(olivia, 'Initech Bounce');
    await olivia.mutate('crm/contacts.create', {
      companyId: initech,
      name: 'Bill Bounced',
      email: 'bill@initech-bounce.test',
    });
    // The tool layer publishes what Resend's signed webhook reported for an email the org sent.
    await forOrg(sut.database.db.app, NORTHWIND).transaction((tx) =>
      publish(tx, {
        type: 'tools.email.status_changed',
        data: {
          connectionId: randomUUID(),
          provider: 'resend',
          messageId: `re_${randomUUID()}`,
          status: 'bounced',
          recipients: ['bill@initech-bounce.test'],
          permanent: true,
          reason: 'mailbox does not exist',
          subject: null,
          occurredAt: new Date().toISOString(),
        },
      }),
    );
    const page = await signIn(chromium, url, 'Mia Member', `/crm/companies/${initech}`);
    await page.getByRole('heading', { name: 'Contacts' }).waitFor();
    await arrived('the bounce flag', async () => {
      await page.reload();
      await page.getByRole('heading', { name: 'Contacts' }).waitFor();
      return (await text(page, 'Email bounced: mailbox does not exist').count()) > 0 || undefined;
    });
    await text(
      page,
      'Email to Bill Bounced <bill@initech-bounce.test>: bounced, the address does not accept mail (mailbox does not exist)',
    ).waitFor();
    await checkPage(page, 'crm-company-email-bounced');
  });

  it('Email sync: Olivia (Owner) sees a synced mailbox with its error and resyncs it; Adam (Admin) reads only', async () => {
    const page = await signIn(chromium, url, 'Olivia Owner', '/settings/email-sync');
    await text(page, 'No mailbox has synced yet').waitFor();
    await checkPage(page, 'settings-email-sync-empty');

    const trust = trustGraphStandIn();
    const graph = await startGraphStandIn(['anna@northwind.example']);
    try {
      const connected = await connectM365(forOrg(sut.database.db.app, NORTHWIND), graph, [
        'anna@northwind.example',
      ]);
      expect(connected.ok).toBe(true);
      graph.add(
        'anna@northwind.example',
        'inbox',
        mail({ subject: 'Hi', from: 'x@example.test', to: ['anna@northwind.example'] }),
      );
      const sync = () =>
        runDeltaSync({ db: sut.database.db, log: sut.suite.log, integrations: sut.suite.integrations });
      expect(await sync()).toContain('0 folder(s) failed');
      await page.reload();
      const inbox = page.getByRole('row', { name: /anna@northwind\.example inbox/ });
      await inbox.getByText('OK').waitFor();
      await checkPage(page, 'settings-email-sync');

      graph.refuse(20, 503, '0');
      await sync();
      await page.reload();
      await page
        .locator('.pill-error', { hasText: /^Failing \(\d+ in a row\): / })
        .first()
        .waitFor();
      await checkPage(page, 'settings-email-sync-error');
      await page.getByRole('button', { name: 'Resync anna@northwind.example' }).click();
      const sent = page.getByRole('row', { name: /anna@northwind\.example sentitems/ });
      await sent.getByRole('cell', { name: '1', exact: true }).waitFor();

      const adam = await signIn(chromium, url, 'Adam Admin', '/settings/email-sync');
      await text(adam, 'anna@northwind.example').waitFor();
      expect(await adam.getByRole('button', { name: /^Resync/ }).count()).toBe(0);
    } finally {
      await graph.close();
      await trust.close();
    }
  });
});
