import { randomBytes } from 'node:crypto';
import {
  startTwilioStandIn,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioStandIn,
  twilioDelivery,
} from '@suite/tools/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, launchChromium, signIn } from './support/chromium';
import { type ConsoleSuite, type StaffApi, startConsoleSuite } from './support/console-suite';

// Voice → Calls in Chromium: the log narrowed by direction, outcome, days and contact.
let sut: ConsoleSuite;
let chromium: Browser;
let olivia: StaffApi;
let twilio: TwilioStandIn;

const ORG_NUMBER = '+14155550100';
const CARL = '+14155550177';
const SUPPLIER = '+14155550188';

/** A day as the date input takes it (`YYYY-MM-DD`), in the browser's zone, `days` from today. */
const day = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

async function arrived<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not arrive within 60 s`);
}

const rows = (page: Page) => page.getByRole('region', { name: 'Calls' }).locator('tbody tr');
async function filter(
  page: Page,
  choice: { direction?: string; outcome?: string; from?: string; to?: string },
) {
  await page.getByLabel('Direction').selectOption(choice.direction ?? '');
  await page.getByLabel('Outcome').selectOption(choice.outcome ?? '');
  await page.getByLabel('From', { exact: true }).fill(choice.from ?? '');
  await page.getByLabel('To', { exact: true }).fill(choice.to ?? '');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForFunction(() => !document.body.innerText.includes('Loading…'));
}

beforeAll(async () => {
  chromium = await launchChromium();
  twilio = await startTwilioStandIn();
  sut = await startConsoleSuite();
  olivia = await sut.api('olivia@northwind.test');
});
afterAll(async () => {
  await chromium?.close();
  await sut?.close();
  await twilio?.close();
});

describe('Voice → Calls', () => {
  it('Victor (Viewer) narrows the call log by outcome, direction, days and contact', async () => {
    const company = await olivia.mutate<{ id: string }>('crm/companies.create', { name: 'Initech Calls' });
    await olivia.mutate('crm/contacts.create', { companyId: company.id, name: 'Carl Caller', phone: CARL });
    const connection = await olivia.mutate<{ connectionId: string }>('tools/connections.connectApiKey', {
      provider: 'twilio',
      credential: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN },
      settings: { from: ORG_NUMBER, apiBaseUrl: twilio.url },
    });
    const webhookUrl = `${sut.suite.url}/tools/webhooks/twilio/${connection.connectionId}`;
    const twilioPosts = async (params: Record<string, string>) => {
      const delivery = twilioDelivery(TWILIO_TOKEN, webhookUrl, { AccountSid: TWILIO_SID, ...params });
      const posted = await fetch(webhookUrl, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
      });
      expect(posted.status).toBe(200);
    };
    type CallRow = { id: string; from: string; status: string };
    const calls = () => olivia.query<{ items: CallRow[] }>('voice/calls.list', {});
    const sid = () => `CA${randomBytes(16).toString('hex')}`;

    const carl = sid();
    await twilioPosts({
      CallSid: carl,
      CallStatus: 'ringing',
      Direction: 'inbound',
      From: CARL,
      To: ORG_NUMBER,
    });
    const ringing = await arrived('the ringing call', async () =>
      (await calls()).items.find((c) => c.from === CARL),
    );
    await olivia.mutate('voice/calls.match', { callId: ringing.id });
    await twilioPosts({
      CallSid: carl,
      CallStatus: 'completed',
      CallDuration: '65',
      SequenceNumber: '1',
      Direction: 'inbound',
      From: CARL,
      To: ORG_NUMBER,
    });
    await twilioPosts({
      CallSid: sid(),
      CallStatus: 'busy',
      Direction: 'outbound-api',
      From: ORG_NUMBER,
      To: SUPPLIER,
    });
    await twilioPosts({
      CallSid: sid(),
      CallStatus: 'no-answer',
      Direction: 'inbound',
      From: 'anonymous',
      To: ORG_NUMBER,
    });
    await arrived('three finished calls', async () => {
      const items = (await calls()).items;
      return items.length === 3 && items.every((c) => c.status !== 'ringing') ? items : undefined;
    });

    const page = await signIn(chromium, sut.suite.url, 'Victor Viewer', '/voice/calls');
    await rows(page).nth(2).waitFor();
    expect(await rows(page).count()).toBe(3);
    await checkPage(page, 'voice-calls-filters');

    await filter(page, { outcome: 'busy' });
    expect(await rows(page).allInnerTexts()).toEqual([expect.stringContaining(SUPPLIER)]);

    await filter(page, { direction: 'inbound' });
    expect(await rows(page).count()).toBe(2);
    await page.getByText('number withheld').waitFor();

    await filter(page, { from: day(1) });
    await page.getByText('No calls match.').waitFor();
    await filter(page, { from: day(-1), to: day(0) });
    expect(await rows(page).count()).toBe(3);

    await page.getByRole('button', { name: 'Only calls with Carl Caller' }).click();
    // The filter's own heading, not the button that set it (which reads "Only calls with …").
    await page.getByRole('button', { name: 'All contacts' }).waitFor();
    await page.waitForFunction(() => !document.body.innerText.includes('Loading…'));
    expect(await rows(page).allInnerTexts()).toEqual([expect.stringContaining('Carl Caller, Initech Calls')]);
    await checkPage(page, 'voice-calls-contact');
    await page.getByRole('button', { name: 'All contacts' }).click();
    await rows(page).nth(2).waitFor();
    expect(await rows(page).count()).toBe(3);
  });
});
