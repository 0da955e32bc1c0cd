import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { booksModule } from '@suite/books';
import { defineModule } from '@suite/contracts';
import { crmModule } from '@suite/crm';
import { forOrg, type OrgScope } from '@suite/db';
import { router, staffProcedure } from '@suite/hub-auth';
import { psaModule } from '@suite/psa';
import { toolsModule } from '@suite/tools';
import {
  connect,
  KEYS,
  startGoogleMapsStandIn,
  startStripeStandIn,
  startTwilioStandIn,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioStandIn,
  testKeyring,
  type VendorStandIn,
} from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { discover, hubAccessToken, type McpDiscovery, mcpClient } from '../support/mcp-access';
import type { StaffClient } from '../support/staff-client';
import { eventually, NORTHWIND, startTestSuite, type TestSuite } from '../support/suite-fixture';

const OWNER = 'olivia@northwind.test';
const VIEWER = 'victor@northwind.test';
/** A Northwind member denied `books.access`. */
const NO_BOOKS = 'grace@northwind.test';
/** Contoso's owner: Contoso has CRM and PSA, not Books. */
const CONTOSO_OWNER = 'carl@contoso.test';
const MONTH = new Date().toISOString().slice(0, 7);

const CRM_QUERIES = [
  'crm_company_summary',
  'crm_contact_timeline',
  'crm_deals_closing_this_month',
  'crm_pipeline',
  'crm_search',
];
const PSA_QUERIES = ['psa_client_contracts', 'psa_client_tickets'];
const BOOKS_QUERIES = ['books_outstanding_invoices'];

let sut: TestSuite;
let org: OrgScope;
let twilio: TwilioStandIn;
let maps: VendorStandIn;
let stripe: VendorStandIn;
let discovery: McpDiscovery;
const tokens: Record<string, string> = {};
let mcpKey: string;
const clients: Client[] = [];
/** Every tool result of the run, for the secrets check at the end. */
const results: unknown[] = [];

async function clientAs(headers: Record<string, string>): Promise<Client> {
  const client = await mcpClient(sut.suite.url, headers);
  clients.push(client);
  return client;
}
const bearer = (token: string | undefined) => ({ authorization: `Bearer ${token}` });

async function call(client: Client, name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  results.push(result);
  return result as {
    structuredContent?: Record<string, unknown>;
    content: { text: string }[];
    isError?: boolean;
  };
}

const auditRows = () =>
  org.transaction((tx) =>
    tx.auditLogEntry.findMany({ where: { action: 'mcp.tool_call' }, orderBy: { at: 'asc' } }),
  );

/** The UTC day `days` before today. */
const daysAgo = (days: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - days));
};

/**
 * A CRM company with a deal, promoted to a client: PSA drafts its contract (from 31 January 2027, 13
 * months, so its last day is 28 February 2028, a leap year) and Books opens its billing account, each
 * from CRM's event.
 */
async function promotedClient(name: string) {
  const crm = await sut.staff(OWNER, 'crm');
  const company = await crm.ok<{ id: string }>('companies.create', { name });
  const deal = await crm.ok<{ dealId: string }>('deals.create', {
    companyId: company.id,
    name: `${name.split(' ')[0]} managed services`,
    value: '1950.00',
    recurringRevenue: '150.00',
    lineItems: [],
  });
  await crm.ok('companies.promote', {
    companyId: company.id,
    dealId: deal.dealId,
    startDate: '2027-01-31',
    termMonths: 13,
  });
  const psa: StaffClient = await sut.staff(OWNER, 'psa');
  const clientId = await eventually(`${name} a PSA client`, async () => {
    const clients = await psa.ok<{ id: string; crmCompanyId: string }[]>('clients.list', undefined, 'query');
    return clients.find((client) => client.crmCompanyId === company.id)?.id;
  });
  await eventually(`${name}'s contract and billing account`, () =>
    org.transaction(async (tx) => {
      const contract = await tx.psaContract.findFirst({ where: { clientId } });
      const account = await tx.booksBillingAccount.findFirst({ where: { crmCompanyId: company.id } });
      return contract && account;
    }),
  );
  return { companyId: company.id, clientId, dealId: deal.dealId };
}

beforeAll(async () => {
  [twilio, maps, stripe] = await Promise.all([
    startTwilioStandIn(),
    startGoogleMapsStandIn(),
    startStripeStandIn(),
  ]);
  sut = await startTestSuite({
    modules: [crmModule, toolsModule, psaModule, booksModule],
    env: { VAULT_KEYS: testKeyring().entries.join(',') },
  });
  org = forOrg(sut.database.db.app, NORTHWIND);
  // Signing in once puts the users in the suite's directory, as Hub's events would.
  await Promise.all([OWNER, VIEWER, NO_BOOKS, CONTOSO_OWNER].map((email) => sut.staff(email, 'crm')));
  await connect(
    org,
    'twilio',
    { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN },
    { from: '+14155550100', apiBaseUrl: twilio.url },
  );
  await connect(org, 'google-maps', { apiKey: KEYS.googleMaps }, { apiBaseUrl: maps.url });
  await connect(org, 'stripe', { secretKey: KEYS.stripe }, { apiBaseUrl: stripe.url });
  discovery = await discover(sut.suite.url);
  tokens.owner = await hubAccessToken(sut.suite.url, discovery, OWNER);
  tokens.viewer = await hubAccessToken(sut.suite.url, discovery, VIEWER);
  tokens.noBooks = await hubAccessToken(sut.suite.url, discovery, NO_BOOKS);
  tokens.contoso = await hubAccessToken(sut.suite.url, discovery, CONTOSO_OWNER);
  mcpKey = await sut.integrationKey(['mcp:*'], { caller: 'jarvis', target: 'mcp' });
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await sut?.close();
  await Promise.all([twilio?.close(), maps?.close(), stripe?.close()]);
});

describe('discovery and authentication', () => {
  it('answers an unauthenticated call with 401 and the metadata that names Hub', async () => {
    expect(discovery.challenge.status).toBe(401);
    expect(discovery.challenge.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${sut.suite.url}/.well-known/oauth-protected-resource/mcp"`,
    );
    expect(discovery.resource).toBe(`${sut.suite.url}/mcp`);
    // Hub, not the suite, is the authorization server (the dev Hub on its own port here).
    expect(discovery.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(discovery.issuer).not.toBe(sut.suite.url);
    expect(discovery.hub.issuer).toBe(discovery.issuer);
  });

  it('refuses a Hub token for another audience', async () => {
    const other = await hubAccessToken(sut.suite.url, discovery, OWNER, 'https://other.example/mcp');
    const answer = await rawCall(bearer(other));
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect(await answer.json()).toMatchObject({ message: expect.stringMatching(/not for .*\/mcp/) });
  });

  it('refuses an expired Hub token', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 });
    try {
      const answer = await rawCall(bearer(tokens.owner));
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ message: expect.stringMatching(/expired/) });
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses an integration key without mcp:*', async () => {
    const crmKey = await sut.integrationKey(['crm:*'], { caller: 'jarvis', target: 'crm' });
    const answer = await rawCall({ 'x-integration-key': crmKey });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('www-authenticate')).toMatch(/error="insufficient_scope", .*scope="mcp:\*"/);
    expect(await answer.json()).toMatchObject({ message: expect.stringMatching(/lacks scope mcp:\*/) });
  });
});

function rawCall(headers: Record<string, string>): Promise<Response> {
  return fetch(`${sut.suite.url}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
}

describe('tools per caller', () => {
  it('lists different tools for an owner, a viewer and a machine key', async () => {
    const names = async (client: Client) =>
      (await client.listTools()).tools.map((tool) => tool.name).toSorted();
    // Stripe, Google Maps and Twilio are connected; Twilio runs send_sms and place_call.
    const vendor = ['charge_card', 'geocode_address', 'place_call', 'send_sms'];
    const queries = [...CRM_QUERIES, ...PSA_QUERIES, ...BOOKS_QUERIES].toSorted();
    expect(await names(await clientAs(bearer(tokens.owner)))).toEqual([...vendor, ...queries].toSorted());
    expect(await names(await clientAs(bearer(tokens.viewer)))).toEqual(queries);
    expect(await names(await clientAs({ 'x-integration-key': mcpKey }))).toEqual(vendor);
  });

  it("lists a product's queries only to users whose org has the product and who have its permission", async () => {
    const queries = async (token: string | undefined) =>
      (await (await clientAs(bearer(token))).listTools()).tools
        .map((tool) => tool.name)
        .filter((name) => /^(crm|psa|books)_/.test(name))
        .toSorted();
    expect(await queries(tokens.noBooks)).toEqual([...CRM_QUERIES, ...PSA_QUERIES].toSorted());
    expect(await queries(tokens.contoso)).toEqual([...CRM_QUERIES, ...PSA_QUERIES].toSorted());
    const refused = await call(await clientAs(bearer(tokens.noBooks)), 'books_outstanding_invoices', {});
    expect(refused).toMatchObject({
      isError: true,
      content: [{ text: expect.stringMatching(/^books_outstanding_invoices: .*books\.invoices\.read/) }],
    });
  });

  it('carries the tool layer schemas and honest annotations', async () => {
    const { tools } = await (await clientAs(bearer(tokens.owner))).listTools();
    const tool = (name: string) => tools.find((candidate) => candidate.name === name);
    expect(tool('charge_card')?.annotations).toMatchObject({
      destructiveHint: true,
      openWorldHint: true,
      readOnlyHint: false,
    });
    expect(tool('geocode_address')?.annotations).toMatchObject({ readOnlyHint: true });
    expect(tool('crm_pipeline')?.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    expect(tool('send_sms')?.inputSchema).toMatchObject({
      required: ['to', 'body'],
      properties: { to: { pattern: expect.any(String) } },
    });
    expect(tool('charge_card')?.inputSchema.properties).toHaveProperty('confirmation');
    expect(tool('geocode_address')?.outputSchema?.properties).toHaveProperty('lat');
  });
});

describe('tool calls', () => {
  it('geocodes an address through the maps vendor and audits the call', async () => {
    const client = await clientAs(bearer(tokens.owner));
    const result = await call(client, 'geocode_address', { address: '1 Main St, Springfield' });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      success: true,
      provider: 'google-maps',
      lat: 37.422,
      lng: -122.084,
      formatted_address: '1 Main St, Springfield, USA',
    });
    const [row] = (await auditRows()).filter((entry) => entry.target === 'geocode_address');
    expect(row).toMatchObject({ actor: expect.stringMatching(/^user:/), orgId: NORTHWIND });
    expect(row?.detail).toMatchObject({
      caller: OWNER,
      outcome: 'ok',
      argumentsHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      latencyMs: expect.any(Number),
    });
  });

  it('sends an SMS for a machine key through Twilio', async () => {
    const client = await clientAs({ 'x-integration-key': mcpKey });
    const result = await call(client, 'send_sms', {
      to: '+14155550123',
      body: 'Your technician is on the way',
    });
    expect(result.structuredContent).toMatchObject({
      success: true,
      provider: 'twilio',
      message_id: expect.stringMatching(/^SM/),
    });
    expect([...twilio.messages.values()].map((message) => message.body)).toContain(
      'Your technician is on the way',
    );
    const rows = (await auditRows()).filter((entry) => entry.target === 'send_sms');
    expect(rows.at(-1)).toMatchObject({
      actor: expect.stringMatching(/^key:/),
      detail: expect.objectContaining({ caller: 'jarvis', outcome: 'ok' }),
    });
  });

  it('answers a CRM query with the caller permissions, compact and paged', async () => {
    const staff = await sut.staff(OWNER, 'crm');
    const company = await staff.ok<{ id: string }>('companies.create', {
      name: 'Acme Anvils',
      domain: 'acme.example',
    });
    const contact = await staff.ok<{ id: string }>('contacts.create', {
      companyId: company.id,
      name: 'Wile Coyote',
      title: 'Buyer',
    });
    await staff.ok('deals.create', {
      companyId: company.id,
      name: 'Anvil fleet',
      value: '1200.00',
      expectedCloseDate: `${MONTH}-28`,
    });
    await staff.ok('timeline.log', {
      companyId: company.id,
      contactId: contact.id,
      kind: 'call',
      title: 'Asked for a quote',
    });
    const client = await clientAs(bearer(tokens.viewer));
    await staff.ok('companies.create', { name: 'Acme Rockets' });
    const search = await call(client, 'crm_search', { query: 'acme', limit: 1 });
    expect(search.structuredContent).toEqual({
      items: [
        {
          kind: 'company',
          id: company.id,
          name: 'Acme Anvils',
          companyId: company.id,
          companyName: 'Acme Anvils',
          detail: 'prospect',
        },
      ],
      nextCursor: expect.any(String),
    });
    const next = await call(client, 'crm_search', {
      query: 'acme',
      limit: 1,
      cursor: search.structuredContent?.nextCursor,
    });
    expect(next.structuredContent).toMatchObject({ items: [{ name: 'Acme Rockets' }], nextCursor: null });
    const person = await call(client, 'crm_search', { query: 'coyote' });
    expect(person.structuredContent).toMatchObject({
      items: [{ kind: 'contact', id: contact.id, companyName: 'Acme Anvils', detail: 'Buyer' }],
    });
    const unclear = await call(client, 'crm_search', { query: '', limit: 500 });
    expect(unclear).toMatchObject({
      isError: true,
      content: [{ text: expect.stringMatching(/^crm_search: query: /) }],
    });
    const closing = await call(client, 'crm_deals_closing_this_month', {});
    expect(closing.structuredContent).toMatchObject({
      month: MONTH,
      items: [{ name: 'Anvil fleet', value: '1200.00', companyName: 'Acme Anvils' }],
    });
    const timeline = await call(client, 'crm_contact_timeline', { contactId: contact.id });
    expect(timeline.structuredContent).toMatchObject({
      contact: { name: 'Wile Coyote' },
      items: [{ kind: 'call', title: 'Asked for a quote' }],
    });
    const summary = await call(client, 'crm_company_summary', { companyId: company.id });
    expect(summary.structuredContent).toMatchObject({
      status: 'prospect',
      openDeals: [{ name: 'Anvil fleet' }],
      health: { formula: expect.any(String) },
    });
    const pipeline = await call(client, 'crm_pipeline', {});
    expect(pipeline.structuredContent).toMatchObject({
      stages: [{ stage: 'lead', count: 1, value: '1200.00' }],
    });
    const rows = (await auditRows()).filter((entry) => entry.target?.startsWith('crm_'));
    expect(rows.map((row) => [row.target, (row.detail as { outcome: string }).outcome])).toEqual([
      ['crm_search', 'ok'],
      ['crm_search', 'ok'],
      ['crm_search', 'ok'],
      ['crm_search', 'error'],
      ['crm_deals_closing_this_month', 'ok'],
      ['crm_contact_timeline', 'ok'],
      ['crm_company_summary', 'ok'],
      ['crm_pipeline', 'ok'],
    ]);
  });

  it('answers PSA queries: a client’s tickets and contracts, compact and paged', async () => {
    const { clientId, dealId } = await promotedClient('Tailspin Toys');
    const psa = await sut.staff(OWNER, 'psa');
    const ticket = (subject: string) => psa.ok<{ id: string }>('tickets.create', { clientId, subject });
    const printer = await ticket('Printer jammed');
    await ticket('VPN drops');
    await psa.ok('tickets.close', { ticketId: printer.id });
    const laptop = await ticket('New laptop');
    const client = await clientAs(bearer(tokens.viewer));

    const open = await call(client, 'psa_client_tickets', { clientId, limit: 1 });
    expect(open.structuredContent).toEqual({
      client: { clientId, name: 'Tailspin Toys', status: 'active' },
      openTickets: 2,
      items: [
        {
          ticketId: laptop.id,
          number: expect.any(Number),
          subject: 'New laptop',
          status: 'new',
          priority: 'normal',
          updatedAt: expect.any(String),
          closedAt: null,
        },
      ],
      nextCursor: expect.any(String),
    });
    const next = await call(client, 'psa_client_tickets', {
      clientId,
      limit: 1,
      cursor: open.structuredContent?.nextCursor,
    });
    expect(next.structuredContent).toMatchObject({ items: [{ subject: 'VPN drops' }], nextCursor: null });
    const any = await call(client, 'psa_client_tickets', { clientId, state: 'any' });
    expect(any.structuredContent?.items).toMatchObject([
      { subject: 'New laptop' },
      { subject: 'Printer jammed', status: 'closed', closedAt: expect.any(String) },
      { subject: 'VPN drops' },
    ]);

    const contracts = await call(client, 'psa_client_contracts', { clientId });
    expect(contracts.structuredContent).toEqual({
      client: { clientId, name: 'Tailspin Toys', status: 'active' },
      items: [
        {
          contractId: expect.any(String),
          name: 'Tailspin managed services',
          status: 'draft',
          revision: 1,
          monthlyValue: '150.00',
          currency: 'USD',
          startDate: '2027-01-31',
          termMonths: 13,
          endDate: '2028-02-28',
          termValue: '1950.00',
          signedAt: null,
        },
      ],
      nextCursor: null,
    });
    const unknown = await call(client, 'psa_client_contracts', { clientId: dealId });
    expect(unknown).toMatchObject({
      isError: true,
      content: [{ text: `psa_client_contracts: client ${dealId} not found` }],
    });
    const rows = (await auditRows()).filter((entry) => entry.target?.startsWith('psa_'));
    expect(rows.map((row) => [row.target, (row.detail as { outcome: string }).outcome])).toEqual([
      ['psa_client_tickets', 'ok'],
      ['psa_client_tickets', 'ok'],
      ['psa_client_tickets', 'ok'],
      ['psa_client_contracts', 'ok'],
      ['psa_client_contracts', 'error'],
    ]);
    expect(rows[0]).toMatchObject({ actor: expect.stringMatching(/^user:/), detail: { caller: VIEWER } });
  });

  it('answers the Books query: invoices still owing, soonest due first, with totals per currency', async () => {
    const books = await sut.staff(OWNER, 'books');
    const gl = await books.ok<{ glAccountId: string }>('gl.createAccount', {
      code: '4000',
      name: 'Services',
    });
    await books.ok('gl.setDefault', { glAccountId: gl.glAccountId });
    const first = await promotedClient('Fourth Coffee');
    const second = await promotedClient('Litware');
    const invoice = async (crmCompanyId: string, unitPrice: string) => {
      const draft = await books.ok<{ invoiceId: string }>('invoices.create', {
        crmCompanyId,
        currency: 'USD',
        lines: [{ itemCode: 'SVC', description: 'Support', quantity: 1, unitPrice }],
        idempotencyKey: randomUUID(),
      });
      return books.ok<{ invoiceId: string; number: string; dueOn: string }>('invoices.finalize', draft);
    };
    const credit = (invoiceId: string, amount: string) =>
      books.ok('invoices.credit', { invoiceId, amount, reason: 'goodwill', idempotencyKey: randomUUID() });
    const late = await invoice(first.companyId, '100.00');
    const partlyCredited = await invoice(first.companyId, '250.00');
    await credit(partlyCredited.invoiceId, '50.00');
    const credited = await invoice(first.companyId, '40.00');
    await credit(credited.invoiceId, '40.00');
    const other = await invoice(second.companyId, '70.00');
    // Issued 40 days ago on 30 days' terms: 10 days overdue.
    await org.transaction((tx) =>
      tx.booksInvoice.update({
        where: { id: late.invoiceId },
        data: { issuedOn: daysAgo(40), dueOn: daysAgo(10) },
      }),
    );
    const client = await clientAs(bearer(tokens.viewer));

    const page = await call(client, 'books_outstanding_invoices', { limit: 2 });
    expect(page.structuredContent).toEqual({
      asOf: new Date().toISOString().slice(0, 10),
      items: [
        {
          invoiceId: late.invoiceId,
          number: late.number,
          crmCompanyId: first.companyId,
          companyName: 'Fourth Coffee',
          currency: 'USD',
          total: '100.00',
          outstanding: '100.00',
          issuedOn: daysAgo(40).toISOString().slice(0, 10),
          dueOn: daysAgo(10).toISOString().slice(0, 10),
          daysOverdue: 10,
        },
        expect.objectContaining({
          invoiceId: partlyCredited.invoiceId,
          total: '250.00',
          outstanding: '200.00',
          dueOn: partlyCredited.dueOn,
          daysOverdue: 0,
        }),
      ],
      totals: [{ currency: 'USD', invoices: 3, outstanding: '370.00', overdue: '100.00' }],
      nextCursor: expect.any(String),
    });
    const next = await call(client, 'books_outstanding_invoices', {
      limit: 2,
      cursor: page.structuredContent?.nextCursor,
    });
    expect(next.structuredContent).toMatchObject({
      items: [{ invoiceId: other.invoiceId, companyName: 'Litware', outstanding: '70.00' }],
      nextCursor: null,
    });
    const ofFirst = await call(client, 'books_outstanding_invoices', { crmCompanyId: first.companyId });
    expect(ofFirst.structuredContent).toMatchObject({
      items: [{ invoiceId: late.invoiceId }, { invoiceId: partlyCredited.invoiceId }],
      totals: [{ invoices: 2, outstanding: '300.00', overdue: '100.00' }],
    });
    const overdue = await call(client, 'books_outstanding_invoices', { overdueOnly: true });
    expect(overdue.structuredContent).toMatchObject({
      items: [{ invoiceId: late.invoiceId }],
      totals: [{ invoices: 1, outstanding: '100.00', overdue: '100.00' }],
    });
    const badCursor = await call(client, 'books_outstanding_invoices', { cursor: 'not-a-cursor' });
    expect(badCursor).toMatchObject({
      isError: true,
      content: [{ text: expect.stringMatching(/^books_outstanding_invoices: cursor: /) }],
    });
    const rows = (await auditRows()).filter(
      (entry) =>
        entry.target === 'books_outstanding_invoices' &&
        (entry.detail as { caller: string }).caller === VIEWER,
    );
    expect(rows.map((row) => (row.detail as { outcome: string }).outcome)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'error',
    ]);
  });

  it('limits a CRM query per org through the tool layer limits, and audits the refused call', async () => {
    await org.transaction(async (tx) => {
      await tx.toolsRateWindow.deleteMany({ where: { tool: 'crm_pipeline' } });
      await tx.toolsRateLimit.create({ data: { tool: 'crm_pipeline', limit: 1, windowSeconds: 3600 } });
    });
    try {
      const client = await clientAs(bearer(tokens.owner));
      expect((await call(client, 'crm_pipeline', {})).isError).toBeUndefined();
      const refused = await call(client, 'crm_pipeline', {});
      expect(refused).toMatchObject({
        isError: true,
        content: [{ text: expect.stringMatching(/^crm_pipeline: this org's limit .* retry in \d+s$/) }],
      });
      const rows = (await auditRows()).filter((entry) => entry.target === 'crm_pipeline').slice(-2);
      expect(rows.map((row) => (row.detail as { outcome: string }).outcome)).toEqual(['ok', 'rate_limited']);
      const windows = await org.transaction((tx) =>
        tx.toolsRateWindow.findMany({ where: { tool: 'crm_pipeline' } }),
      );
      expect(windows.map((window) => window.used)).toEqual([1]);
    } finally {
      await org.transaction(async (tx) => {
        await tx.toolsRateLimit.deleteMany({ where: { tool: 'crm_pipeline' } });
        await tx.toolsRateWindow.deleteMany({ where: { tool: 'crm_pipeline' } });
      });
    }
  });

  it('answers a tool whose connection is in Error with an unavailable result', async () => {
    twilio.state.authToken = 'revoked';
    const client = await clientAs(bearer(tokens.owner));
    const refused = await call(client, 'send_sms', { to: '+14155550123', body: 'Refused' });
    expect(refused.structuredContent).toMatchObject({ success: false, error: { code: 'auth_failed' } });
    const sms = (await client.listTools()).tools.find((tool) => tool.name === 'send_sms');
    expect(sms?.description).toMatch(/^unavailable: reconnect Twilio/);
    expect(sms?._meta).toMatchObject({ 'suite/availability': { available: false } });
    const unavailable = await call(client, 'send_sms', { to: '+14155550123', body: 'Not sent' });
    expect(unavailable).toMatchObject({
      isError: true,
      content: [{ text: expect.stringMatching(/^unavailable: reconnect Twilio/) }],
    });
    expect([...twilio.messages.values()].map((message) => message.body)).not.toContain('Not sent');
  });

  it('runs a destructive tool only after a confirmed second call', async () => {
    const client = await clientAs(bearer(tokens.owner));
    const charge = {
      amount: 12_500,
      currency: 'usd',
      payment_method: 'tok_visa',
      description: 'Invoice 1042',
    };
    const first = await call(client, 'charge_card', charge);
    const asked = first.structuredContent?.confirmation_required as { confirmation: string };
    expect(asked.confirmation).toMatch(/^[0-9a-f-]{36}$/);
    expect(stripe.effects).toHaveLength(0);
    const otherArgs = await call(client, 'charge_card', {
      ...charge,
      amount: 99_999,
      confirmation: asked.confirmation,
    });
    expect(otherArgs).toMatchObject({
      isError: true,
      content: [{ text: expect.stringMatching(/for other arguments/) }],
    });
    const viewerToo = await call(await clientAs({ 'x-integration-key': mcpKey }), 'charge_card', {
      ...charge,
      confirmation: asked.confirmation,
    });
    expect(viewerToo.isError).toBe(true);
    expect(stripe.effects).toHaveLength(0);
    const confirmed = await call(client, 'charge_card', { ...charge, confirmation: asked.confirmation });
    expect(confirmed.structuredContent).toMatchObject({
      success: true,
      provider: 'stripe',
      charge_id: expect.stringMatching(/^ch_/),
    });
    const again = await call(client, 'charge_card', { ...charge, confirmation: asked.confirmation });
    expect(again.structuredContent).toEqual(confirmed.structuredContent);
    expect(stripe.effects).toHaveLength(1);
    const outcomes = (await auditRows())
      .filter((row) => row.target === 'charge_card')
      .map((row) => (row.detail as { outcome: string }).outcome);
    expect(outcomes).toEqual(['confirmation_required', 'error', 'error', 'ok', 'ok']);
  });
});

describe('an independent client (plain JSON-RPC over fetch, as the Streamable HTTP spec describes)', () => {
  const post = (message: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sut.suite.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...bearer(tokens.owner),
        ...headers,
      },
      body: JSON.stringify(message),
    });

  it('initializes, lists and calls a tool', async () => {
    const initialized = await post({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    });
    expect(initialized.status).toBe(200);
    expect(await initialized.json()).toMatchObject({
      jsonrpc: '2.0',
      id: 1,
      result: {
        protocolVersion: '2025-11-25',
        capabilities: { tools: {} },
        serverInfo: { name: 'one-stack-suite' },
      },
    });
    const version = { 'mcp-protocol-version': '2025-11-25' };
    expect((await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, version)).status).toBe(202);
    const listed = (await (await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, version)).json()) as {
      result: { tools: { name: string }[] };
    };
    expect(listed.result.tools.map((tool) => tool.name)).toContain('crm_pipeline');
    const called = (await (
      await post(
        { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'crm_pipeline', arguments: {} } },
        version,
      )
    ).json()) as { id: number; result: { structuredContent: unknown; isError?: boolean } };
    results.push(called.result);
    expect(called).toMatchObject({ id: 3, result: { structuredContent: { stages: expect.any(Array) } } });
    const unknown = await (
      await post(
        { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'drop_tables', arguments: {} } },
        version,
      )
    ).json();
    expect(unknown).toMatchObject({
      id: 4,
      error: { code: -32602, message: expect.stringMatching(/unknown tool/) },
    });
  });

  it('answers GET with 405 (no server-initiated stream) and a wrong Accept with 406', async () => {
    const get = await fetch(`${sut.suite.url}/mcp`, {
      headers: { accept: 'text/event-stream', ...bearer(tokens.owner) },
    });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(
      (await post({ jsonrpc: '2.0', id: 5, method: 'tools/list' }, { accept: 'text/html' })).status,
    ).toBe(406);
  });
});

describe('every tool result of this run', () => {
  it('never shows a credential, a vault field or a token in any tool result', () => {
    const text = JSON.stringify(results);
    expect(results.length).toBeGreaterThan(10);
    for (const secret of [TWILIO_TOKEN, KEYS.googleMaps, KEYS.stripe, tokens.owner, tokens.viewer, mcpKey])
      expect(text).not.toContain(secret);
    // Field names may appear ("credential.authToken" tells the user what to fix); vault fields never.
    expect(text).not.toMatch(/ciphertext|wrapped_?key|kek_?version|data_?key/i);
  });
});

describe("a stand-in for a product (a test's own module with its name)", () => {
  it("serves no queries of it, and the real products' queries still", async () => {
    const psa = defineModule({
      name: 'psa',
      appRouter: router({
        ping: staffProcedure.meta({ permission: 'psa.tickets.read' }).query(() => 'pong'),
      }),
    });
    const beside = await startTestSuite({ modules: [crmModule, psa] });
    try {
      await beside.staff(VIEWER, 'crm');
      const token = await hubAccessToken(beside.suite.url, await discover(beside.suite.url), VIEWER);
      const client = await mcpClient(beside.suite.url, bearer(token));
      const listed = await client.listTools();
      await client.close();
      expect(listed.tools.map((tool) => tool.name).toSorted()).toEqual(CRM_QUERIES);
    } finally {
      await beside.close();
    }
  });
});

describe('MCP_ENABLED=false', () => {
  it('serves neither /mcp nor its metadata', async () => {
    const off = await startTestSuite({ env: { MCP_ENABLED: 'false' } });
    try {
      expect((await fetch(`${off.suite.url}/mcp`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${off.suite.url}/.well-known/oauth-protected-resource/mcp`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
