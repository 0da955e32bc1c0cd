import { join } from 'node:path';
import { KEYS, startSendGridStandIn, type VendorStandIn } from '@suite/tools/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsStandIn, startDnsStandIn } from '../../suite/test/support/dns-stand-in';
import { ARTIFACTS, checkPage, launchChromium, signIn } from './support/chromium';
import { type ConsoleSuite, type StaffApi, startConsoleSuite } from './support/console-suite';

// Portal → Client portals in Chromium: what an Admin sets up before inviting the first client.
let sut: ConsoleSuite;
let chromium: Browser;
let olivia: StaffApi;
let mail: VendorStandIn;
let dns: DnsStandIn;

const CNAME_TARGET = 'portals.northwind-msp.test';
const HOST = 'clients.walkthrough.test';
const BUYER = 'buyer@walkthrough.test';

/** A CRM company promoted to a client, with one contact who may be invited. */
async function clientWithContact(api: StaffApi, name: string, email: string): Promise<void> {
  const company = await api.mutate<{ id: string }>('crm/companies.create', {
    name,
    domain: 'walkthrough.test',
  });
  await api.mutate('crm/contacts.create', { companyId: company.id, name: `${name} Buyer`, email });
  await api.mutate('crm/companies.promote', { companyId: company.id });
}

const domainCard = (page: Page) => page.getByRole('article', { name: HOST });

beforeAll(async () => {
  chromium = await launchChromium();
  mail = await startSendGridStandIn();
  dns = await startDnsStandIn();
  sut = await startConsoleSuite({ PORTAL_DNS_SERVERS: dns.server, PORTAL_CNAME_TARGET: CNAME_TARGET });
  olivia = await sut.api('olivia@northwind.test');
  await olivia.mutate('tools/connections.connectApiKey', {
    provider: 'sendgrid',
    credential: { apiKey: KEYS.sendgrid },
    settings: { from: 'portal@northwind-msp.test', apiBaseUrl: mail.url },
  });
  await clientWithContact(olivia, 'Walkthrough Dental', BUYER);
});
afterAll(async () => {
  await chromium?.close();
  await sut?.close();
  await mail?.close();
  await dns?.close();
});

describe('Portal → Client portals', () => {
  it('Adam (Admin) creates a portal, brands it, toggles features, adds a domain through DNS and invites a contact', async () => {
    const page = await signIn(chromium, sut.suite.url, 'Adam Admin', '/crm/companies');
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Client portals' })
      .click();
    await page.getByRole('heading', { name: 'Client portals' }).waitFor();
    await page.getByText('No portals yet.').waitFor();

    await page.getByLabel('Name').fill('Walkthrough Portal');
    await page.getByLabel('Slug').fill('Not A Slug');
    await page.getByRole('button', { name: 'Create portal' }).click();
    await page.getByRole('alert').getByText('expected lower-case letters').waitFor();
    await page.getByLabel('Slug').fill('walkthrough');
    await page.getByRole('button', { name: 'Create portal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Walkthrough Portal' }).waitFor();
    await page.getByText('walkthrough.portal.localhost').first().waitFor();

    await page.getByLabel('Primary colour').fill('#0a5d4a');
    await page.getByLabel('Font').selectOption('serif');
    const preview = page.getByTestId('branding-preview');
    expect(
      await preview.locator('.swatch-button').evaluate((el) => getComputedStyle(el).backgroundColor),
    ).toBe('rgb(10, 93, 74)');
    expect(await preview.evaluate((el) => getComputedStyle(el).fontFamily)).toBe('serif');
    await page.getByLabel('Logo URL (https)').fill('https://walkthrough.test/logo.svg');
    await page.getByLabel('Support email').fill('help@northwind-msp.test');
    await page.getByLabel('Invoices').check();
    await page.getByLabel('Activity').uncheck();
    await page.getByLabel("Through the org's e-sign vendor").check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    await checkPage(page, 'portal-settings');
    const contrast = page.getByRole('status', { name: 'Contrast warnings' });
    expect(await contrast.count()).toBe(0);

    // Colours clients could not read are saved, with a warning naming the colour to change.
    await page.getByLabel('Text colour').fill('#bbbbbb');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await contrast.getByText('branding.textColor: text #bbbbbb on the background #ffffff').waitFor();
    // No axe check here: the preview shows the unreadable text on purpose.
    await page.screenshot({ path: join(ARTIFACTS, 'portal-contrast-warning.png'), fullPage: true });
    await page.getByLabel('Text colour').fill('#1b1f24');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    await contrast.waitFor({ state: 'detached' });

    await page.getByRole('textbox', { name: 'Domain', exact: true }).fill(HOST);
    await page.getByRole('button', { name: 'Add domain' }).click();
    const records = domainCard(page).getByRole('region', { name: `DNS records for ${HOST}` });
    await records.getByText(`_onestack-challenge.${HOST}`).waitFor();
    await records.getByText(CNAME_TARGET).waitFor();
    const token = await records.locator('tr', { hasText: 'TXT' }).locator('td').nth(2).innerText();
    expect(token).toMatch(/^onestack-[0-9a-f]{32}$/);
    await domainCard(page).getByText('pending').waitFor();

    await page.getByRole('button', { name: `Verify now for ${HOST}` }).click();
    await domainCard(page).getByText('failed', { exact: true }).waitFor();
    await domainCard(page).getByText(`no TXT record _onestack-challenge.${HOST}`).waitFor();
    await checkPage(page, 'portal-domain-failed');
    dns.txt(`_onestack-challenge.${HOST}`, token);
    dns.cname(HOST, CNAME_TARGET);
    await page.getByRole('button', { name: `Verify now for ${HOST}` }).click();
    await domainCard(page).getByText('verified', { exact: true }).waitFor();
    await page.getByRole('button', { name: `Activate ${HOST}` }).click();
    await domainCard(page).getByText('active', { exact: true }).waitFor();

    await page.getByRole('textbox', { name: "Contact's email" }).fill('nobody@walkthrough.test');
    await page.getByRole('button', { name: 'Invite' }).click();
    await page
      .getByRole('alert')
      .getByText('no CRM contact has the address nobody@walkthrough.test')
      .waitFor();
    await page.getByRole('textbox', { name: "Contact's email" }).fill(BUYER);
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByRole('region', { name: 'Portal users' }).getByText('Walkthrough Dental Buyer').waitFor();
    await page.getByRole('button', { name: `Resend invitation to ${BUYER}` }).click();
    await page.getByRole('status').getByText(`Invitation sent again to ${BUYER}.`).waitFor();
    await checkPage(page, 'portal-domains-users');
    await page.getByRole('link', { name: 'All portals' }).click();
    const listed = page
      .getByRole('region', { name: 'Portals' })
      .locator('tr', { hasText: 'Walkthrough Portal' });
    expect(await listed.innerText()).toContain('quotes, esign, tickets, invoices');
    await checkPage(page, 'portal-list');

    const db = sut.database.db.system;
    const saved = await db.portalPortal.findUniqueOrThrow({ where: { slug: 'walkthrough' } });
    expect(saved).toMatchObject({
      name: 'Walkthrough Portal',
      branding: expect.objectContaining({
        primaryColor: '#0a5d4a',
        font: 'serif',
        logoUrl: 'https://walkthrough.test/logo.svg',
      }),
      support: expect.objectContaining({ email: 'help@northwind-msp.test' }),
      esignRoute: 'send_contract',
    });
    expect([...saved.features].sort()).toEqual(['esign', 'invoices', 'quotes', 'tickets']);
    expect(await db.portalDomain.findUniqueOrThrow({ where: { host: HOST } })).toMatchObject({
      portalId: saved.id,
      status: 'active',
      challenge: token,
    });
    expect(await db.portalUser.findMany({ where: { portalId: saved.id } })).toEqual([
      expect.objectContaining({ email: BUYER, name: 'Walkthrough Dental Buyer' }),
    ]);
    const invitations = () =>
      (mail.effects as { to: string; text?: string }[]).filter((sent) => sent.to === BUYER);
    expect(invitations()).toHaveLength(2);
    expect(invitations()[1]?.text).toContain(`https://${HOST}`);
  });

  it("Adam revokes the buyer's access after confirming: their open portal tab is signed out; restore re-invites", async () => {
    const db = sut.database.db.system;
    const buyer = () => db.portalUser.findFirstOrThrow({ where: { email: BUYER } });
    const client = await (await chromium.newContext()).newPage();
    await client.goto(`http://walkthrough.portal.localhost:${new URL(sut.suite.url).port}/sign-in`);
    await client.getByLabel('Email address').fill(BUYER);
    await client.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await client.getByText('a sign-in link is on its way').waitFor();
    const signInMail = (mail.effects as { to: string; text?: string }[])
      .filter((sent) => sent.to === BUYER)
      .at(-1);
    await client.goto(signInMail?.text?.match(/https?:\/\/\S+#token=\S+/)?.[0] ?? '');
    await client.getByRole('button', { name: 'Sign in', exact: true }).click();
    await client.getByRole('heading', { name: /Welcome, Walkthrough Dental Buyer/ }).waitFor();

    const portalId = (await buyer()).portalId;
    const page = await signIn(chromium, sut.suite.url, 'Adam Admin', `/portal/portals/${portalId}`);
    const row = page.getByRole('region', { name: 'Portal users' }).locator('tr', { hasText: BUYER });
    await row.getByText('active', { exact: true }).waitFor();
    const revoke = page.getByRole('button', { name: `Revoke access for ${BUYER}` });
    page.once('dialog', (dialog) => dialog.dismiss());
    await revoke.click();
    await row.getByText('active', { exact: true }).waitFor();
    expect((await buyer()).revokedAt).toBeNull();

    page.once('dialog', (dialog) => dialog.accept());
    await revoke.click();
    await page.getByRole('status').getByText(`Access revoked for ${BUYER}.`).waitFor();
    await row.getByText('revoked', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: `Resend invitation to ${BUYER}` }).count()).toBe(0);
    await checkPage(page, 'portal-user-revoked');
    const revoked = await buyer();
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await db.portalSession.count({ where: { userId: revoked.id } })).toBe(0);
    await client.reload();
    await client.getByRole('heading', { name: 'Sign in to Walkthrough Portal' }).waitFor();

    await page.getByRole('button', { name: `Restore access for ${BUYER}` }).click();
    await page.getByRole('status').getByText(`Access restored for ${BUYER}.`).waitFor();
    await row.getByText('invited', { exact: true }).waitFor();
    expect(await buyer()).toMatchObject({ id: revoked.id, revokedAt: null });
  });

  it('Mia (Member) sees no Client portals entry, gets the no-access page, and the API refuses her', async () => {
    const page = await signIn(chromium, sut.suite.url, 'Mia Member', '/crm/companies');
    const nav = page.getByRole('navigation', { name: 'Console' });
    expect(await nav.getByRole('link', { name: 'Client portals' }).count()).toBe(0);
    await page.goto(`${sut.suite.url}/portal/portals`);
    await page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
    await page.getByText('portal.portals.manage').waitFor();
    await checkPage(page, 'portal-no-access');

    const mia = await sut.api('mia@northwind.test');
    const refused = await mia.browser.postJson('/portal/trpc/portals.create', { slug: 'mias', name: 'Mia' });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('portal.portals.manage');
  });
  it('Adam deletes the portal after confirming: its domain is released and the list is empty again', async () => {
    const db = sut.database.db.system;
    const { id: portalId } = await db.portalPortal.findUniqueOrThrow({ where: { slug: 'walkthrough' } });
    const page = await signIn(chromium, sut.suite.url, 'Adam Admin', `/portal/portals/${portalId}`);
    const remove = page.getByRole('button', { name: 'Delete portal Walkthrough Portal' });
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      return dialog.dismiss();
    });
    await remove.click();
    await expect.poll(() => asked).toContain('Shared documents and signatures are kept');
    expect(await db.portalPortal.count({ where: { id: portalId } })).toBe(1);

    page.once('dialog', (dialog) => dialog.accept());
    await remove.click();
    await page
      .getByRole('status')
      .getByText(
        `Walkthrough Portal was deleted; 0 client session(s) ended. Custom domains released: ${HOST}.`,
      )
      .waitFor();
    await checkPage(page, 'portal-deleted');
    expect(await db.portalPortal.count({ where: { id: portalId } })).toBe(0);
    expect(await db.portalDomain.count({ where: { host: HOST } })).toBe(0);
    await page.getByRole('link', { name: 'All portals' }).click();
    await page.getByText('No portals yet.').waitFor();
  });
});
