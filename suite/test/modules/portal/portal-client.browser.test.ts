import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { booksModule } from '@suite/books';
import { launchChromium } from '@suite/console/launch-chromium';
import {
  crmEsignRequested,
  portalDocumentSigned,
  portalQuoteAccepted,
  psaContractSigned,
} from '@suite/contracts';
import { forOrg } from '@suite/db';
import { connect, KEYS, type StripeStandIn, startStripeStandIn } from '@suite/tools/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsStandIn, startDnsStandIn } from '../../support/dns-stand-in';
import { eventually, NORTHWIND } from '../../support/suite-fixture';
import {
  addendumSignedDownstream,
  amendedContract,
  clientCompany,
  type Invoice,
  issuedInvoice,
  lastMailTo,
  mapOnboardingIncome,
  type PortalWorld,
  startPortalWorld,
} from './portal-support';

/** Git-ignored: the screenshots of the last run, for review. */
const ARTIFACTS = resolve(import.meta.dirname, '../../../../.artifacts/portal');
mkdirSync(ARTIFACTS, { recursive: true });

const DOMAIN = 'clients.northwind-it.example';
const EMAIL = 'buyer@initech.test';
let world: PortalWorld;
let dns: DnsStandIn;
let stripe: StripeStandIn;
let chromium: Browser;
let dealId: string;
let requestId: string;
let companyId: string;
let contactId: string;
let invoice: Invoice;

beforeAll(async () => {
  dns = await startDnsStandIn();
  stripe = await startStripeStandIn();
  world = await startPortalWorld(
    [portalQuoteAccepted, crmEsignRequested, portalDocumentSigned, psaContractSigned],
    { PORTAL_DNS_SERVERS: dns.server },
    [booksModule],
  );
  // The custom domain resolves to the suite's loopback address, as public DNS would send a client.
  chromium = await launchChromium([`--host-resolver-rules=MAP ${DOMAIN} 127.0.0.1`]);

  const staff = world.staff;
  const { portalId } = (
    await staff.mutate<{ portalId: string }>('portals.create', {
      slug: 'northwind-it',
      name: 'Northwind IT',
      branding: { primaryColor: '#8a1538', accentColor: '#f5b700', font: 'serif' },
      support: { email: 'help@northwind-it.example', phone: '+1 555 0100' },
      features: ['quotes', 'esign', 'activity', 'tickets', 'invoices'],
    })
  ).data;
  const domain = (
    await staff.mutate<{ domainId: string; records: { value: string }[] }>('domains.add', {
      portalId,
      host: DOMAIN,
    })
  ).data;
  dns.txt(`_onestack-challenge.${DOMAIN}`, domain.records[0]?.value ?? '');
  dns.cname(DOMAIN, 'portals.onestack.localhost');
  expect(
    (await staff.mutate<{ status: string }>('domains.verify', { domainId: domain.domainId })).data.status,
  ).toBe('verified');
  await staff.mutate('domains.activate', { domainId: domain.domainId });

  ({ companyId, contactId } = await clientCompany(staff, 'Initech', EMAIL));
  await staff.mutate('users.invite', { portalId, email: EMAIL });
  await mapOnboardingIncome(staff);
  invoice = await issuedInvoice(staff, companyId);
  // Northwind takes card payments through Stripe, whose events reach the tool layer's webhook.
  await connect(
    forOrg(world.sut.database.db.app, NORTHWIND),
    'stripe',
    { secretKey: KEYS.stripe },
    { apiBaseUrl: stripe.url },
  );
  const signingSecret = 'whsec_PortalBrowserStandInSecret1';
  const { webhookUrl } = await staff
    .on('tools')
    .ok<{ webhookUrl: string }>('connections.saveWebhookSecret', { provider: 'stripe', signingSecret });
  stripe.checkout.webhook = { url: `${world.sut.suite.url}${webhookUrl}`, secret: signingSecret };
  const crm = staff.on('crm');
  dealId = (
    await crm.mutate<{ dealId: string }>('deals.create', {
      companyId,
      name: 'Initech backup',
      stage: 'proposal',
      value: '2400',
    })
  ).data.dealId;
  const quote = await crm.mutate<{ quoteId: string }>('quotes.create', {
    companyId,
    dealId,
    lines: [
      {
        serviceCode: 'BACKUP-PRO',
        description: 'Managed backup',
        quantity: 4,
        unitPrice: '50.00',
        recurring: true,
      },
    ],
  });
  const share = await staff.mutate<{ shareId: string }>('shares.shareQuote', {
    portalId,
    quoteId: quote.data.quoteId,
  });
  const signature = await staff.mutate<{ requestId: string }>('signatures.request', {
    shareId: share.data.shareId,
  });
  requestId = signature.data.requestId;
});
afterAll(async () => {
  await chromium?.close();
  await world?.close();
  await dns?.close();
  await stripe?.close();
});

describe('a client in Chromium on the portal’s custom domain', () => {
  it('sees the MSP’s branding, signs in by emailed link, accepts a shared quote, signs it and a contract addendum, opens a ticket and pays its invoice', async () => {
    const origin = `http://${DOMAIN}:${world.port}`;
    const page = await (await chromium.newContext({ viewport: { width: 1100, height: 760 } })).newPage();
    await eventually(
      'the domain active',
      async () => (await page.goto(`${origin}/sign-in`))?.status() === 200,
    );

    // Branding is in place at first paint: the server put it in the head.
    const style = (selector: string, property: string) =>
      page
        .locator(selector)
        .evaluate(
          (element, name) =>
            element.ownerDocument.defaultView?.getComputedStyle(element).getPropertyValue(name),
          property,
        );
    expect((await style('html', '--brand-primary'))?.trim()).toBe('#8a1538');
    const bar = await style('.brand-bar', 'background-color');
    expect(bar).toBe('rgb(138, 21, 56)');
    await page.getByRole('heading', { name: 'Sign in to Northwind IT' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'sign-in-branded.png'), fullPage: true });

    await page.getByLabel('Email address').fill(EMAIL);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByText('a sign-in link is on its way').waitFor();

    const link = lastMailTo(world.mail, EMAIL).text?.match(/https?:\/\/\S+#token=\S+/)?.[0];
    expect(link?.startsWith(`http://${DOMAIN}:${world.port}/sign-in/confirm#token=`)).toBe(true);
    await page.goto(link ?? '');
    await page.screenshot({ path: join(ARTIFACTS, 'confirm.png'), fullPage: true });
    expect(await page.locator('body').innerText()).toContain('Sign in to Northwind IT');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: /Welcome, Initech Buyer/ }).waitFor();

    await page.getByRole('link', { name: 'Quotes' }).click();
    await page.getByRole('link', { name: /Quote Q-/ }).click();
    await page.getByText('Managed backup').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'quote.png'), fullPage: true });
    await page.getByLabel('Comment (optional)').fill('Approved by finance');
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await page.getByText('You accepted this quote: “Approved by finance”').waitFor();

    const accepted = await eventually('portal.quote.accepted', async () =>
      world.sut.received.find((event) => event.type === 'portal.quote.accepted'),
    );
    expect(accepted.data).toMatchObject({ comment: 'Approved by finance' });
    await eventually('the CRM deal won', async () => {
      const deal = await world.staff.on('crm').query<{ stage: string }>('deals.get', { dealId });
      return deal.data.stage === 'won';
    });

    await page.getByRole('link', { name: 'Sign this document' }).click();
    await page.getByRole('heading', { name: /^Sign Quote Q-/ }).waitFor();
    await page.getByLabel('Your full name').fill('Ina Initech');
    await page.getByLabel(/I agree to sign this document electronically/).check();
    // Drawing on the pad: a stroke of the mouse across the canvas.
    await page.getByLabel('Draw my signature').check();
    const box = await page.getByRole('img', { name: /Signature pad/ }).boundingBox();
    if (!box) throw new Error('the signature pad is not on the page');
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    for (const [dx, dy] of [
      [60, -20],
      [120, 20],
      [180, -15],
      [260, 10],
    ] as const)
      await page.mouse.move(box.x + dx, box.y + box.height / 2 + dy, { steps: 4 });
    await page.mouse.up();
    await page.screenshot({ path: join(ARTIFACTS, 'sign.png'), fullPage: true });
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await page.getByText('Signed by Ina Initech').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'signed.png'), fullPage: true });
    const signed = await world.staff.query<{
      status: string;
      trail: { step: string; userAgent: string; signInMethod: string; detail: Record<string, string> }[];
    }>('signatures.get', { requestId });
    expect(signed.data.status).toBe('signed');
    expect(signed.data.trail.map((row) => row.step)).toEqual(['created', 'viewed', 'consented', 'signed']);
    expect(signed.data.trail[3]).toMatchObject({
      signInMethod: 'magic_link',
      userAgent: expect.stringContaining('Chrome'),
      detail: { signatureMethod: 'drawn', drawnSignatureSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });

    // Flow 7: staff amend the won deal's contract in PSA; CRM asks for an addendum, signed here.
    const contract = await amendedContract(world.staff, companyId, dealId);
    const addendumTitle = `Contract addendum, revision ${contract.revision}`;
    await page.getByRole('link', { name: 'Documents' }).click();
    await eventually('the addendum listed', async () => {
      await page.reload();
      return (await page.getByRole('link', { name: addendumTitle }).count()) === 1;
    });
    await page.getByRole('link', { name: addendumTitle }).click();
    await page.getByRole('heading', { name: `Sign ${addendumTitle}` }).waitFor();
    // Reviewing: the PDF behind the page's link is the one whose SHA-256 the page shows.
    const review = page.getByRole('link', { name: 'Review the PDF' });
    const pdf = await page.evaluate(
      async (href) => {
        const answer = await fetch(href ?? '');
        const start = new Uint8Array(await answer.arrayBuffer()).subarray(0, 5);
        return {
          status: answer.status,
          sha256: answer.headers.get('x-content-sha256'),
          start: String.fromCharCode(...start),
        };
      },
      await review.getAttribute('href'),
    );
    const shownSha256 = await page.locator('code').first().innerText();
    expect(pdf).toEqual({ status: 200, sha256: shownSha256, start: '%PDF-' });
    await page.getByLabel('Your full name').fill('Ina Initech');
    await page.getByLabel(/I agree to sign this document electronically/).check();
    await page.getByLabel('My typed name is my signature').check();
    await page.screenshot({ path: join(ARTIFACTS, 'addendum-sign.png'), fullPage: true });
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await page.getByText('Signed by Ina Initech').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'addendum-signed.png'), fullPage: true });

    const documentSigned = await eventually('portal.document.signed', async () =>
      world.sut.received.find((event) => event.type === 'portal.document.signed'),
    );
    const esignRequest = world.sut.received.find(
      (event) => event.type === 'crm.esign.requested' && event.data.contractId === contract.contractId,
    );
    expect(documentSigned.data).toMatchObject({
      esignRequestId: esignRequest?.data.esignRequestId,
      contractId: contract.contractId,
      revision: contract.revision,
      companyId,
      contactId,
      documentSha256: shownSha256,
    });
    await addendumSignedDownstream(world, documentSigned, contract, contactId);
    // Flow 8 handled the addendum's signature: the opportunity is closed won, its timeline says so.
    await eventually('flow 8 on the CRM timeline', async () => {
      const entries = await world.sut.database.db.system.crmActivity.findMany({
        where: { companyId, kind: 'contract.signed' },
      });
      return entries.some(
        (entry) => new Date(entry.occurredAt).toISOString() === documentSigned.data.signedAt,
      );
    });
    const deal = await world.staff.on('crm').query<{ stage: string }>('deals.get', { dealId });
    expect(deal.data.stage).toBe('won');

    await page.getByRole('link', { name: 'Tickets' }).click();
    await page.getByText('No tickets yet.').waitFor();
    await page.getByLabel('What do you need help with?').fill('Backup report is empty');
    await page.getByRole('button', { name: 'Open the ticket' }).click();
    await page.getByRole('cell', { name: 'Backup report is empty' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'tickets.png'), fullPage: true });
    const psaClients = await world.staff
      .on('psa')
      .query<{ id: string; crmCompanyId: string }[]>('clients.list');
    const initech = psaClients.data.find((client) => client.crmCompanyId === companyId);
    const inPsa = await world.staff.on('psa').query<{ subject: string }[]>('tickets.list', {
      clientId: initech?.id,
    });
    expect(inPsa.data.map((ticket) => ticket.subject)).toEqual(['Backup report is empty']);

    await page.getByRole('link', { name: 'Invoices' }).click();
    const row = page.getByRole('row', { name: new RegExp(invoice.number) });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/480\.25 USD[\s\S]*Open/);
    await page.screenshot({ path: join(ARTIFACTS, 'invoices.png'), fullPage: true });

    // Pay Now goes to Stripe's hosted Checkout page (the stand-in's); paying there comes back paid.
    await row.getByRole('button', { name: `Pay invoice ${invoice.number} now` }).click();
    await page.waitForURL(`${stripe.url}/c/pay/**`);
    await page.screenshot({ path: join(ARTIFACTS, 'checkout.png'), fullPage: true });
    await page.getByRole('button', { name: 'Pay 480.25 USD' }).click();
    await page.waitForURL(`${origin}/invoices?paid=${invoice.invoiceId}`);
    await page.getByText('your payment went through').waitFor();
    await eventually('the invoice shown paid', async () => {
      await page.reload();
      const text = await page.getByRole('row', { name: new RegExp(invoice.number) }).innerText();
      return /Paid/.test(text);
    });
    await page.screenshot({ path: join(ARTIFACTS, 'invoice-paid.png'), fullPage: true });
    expect(stripe.effects).toMatchObject([
      { object: 'checkout.session', metadata: { reference: `books-invoice:${invoice.invoiceId}` } },
    ]);
  });
});
