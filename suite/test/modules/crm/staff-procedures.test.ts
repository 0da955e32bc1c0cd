import { crmModule } from '@suite/crm';
import { StaffBrowser } from '@suite/hub-auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffClient } from '../../support/staff-client';
import { startTestSuite, type TestSuite, userId } from '../../support/suite-fixture';
import { createCompany, createDeal, type DealRow } from './support/crm-data';

let sut: TestSuite;
let olivia: StaffClient;
beforeAll(async () => {
  sut = await startTestSuite({ modules: [crmModule] });
  olivia = await sut.staff('olivia@northwind.test', 'crm');
});
afterAll(() => sut?.close());

describe('CRM staff procedures over HTTP (Hub session + permission)', () => {
  it('401 without a session, 403 naming the permission the role lacks', async () => {
    expect((await olivia.query('companies.list')).status).toBe(200);
    const signedOut = await new StaffClient(new StaffBrowser(sut.suite.url), 'crm').query('companies.list');
    expect(signedOut).toMatchObject({ status: 401, message: expect.stringContaining('sign in') });
    const victor = await sut.staff('victor@northwind.test', 'crm');
    const denied = await victor.mutate('companies.create', { name: 'Viewer Co' });
    expect(denied).toMatchObject({ status: 403, message: expect.stringContaining('crm.companies.write') });
    const mia = await sut.staff('mia@northwind.test', 'crm');
    const company = await createCompany(mia, 'Member Co');
    const promote = await mia.mutate('companies.promote', { companyId: company.id });
    expect(promote).toMatchObject({ status: 403, message: expect.stringContaining('crm.companies.promote') });
  });

  it('bad input on every procedure answers 400 naming the field', async () => {
    const company = await createCompany(olivia, 'Fielded');
    const id = company.id;
    const queries: [string, unknown, string][] = [
      ['companies.list', { status: 'gone' }, 'status'],
      ['companies.get', { companyId: 'x' }, 'companyId'],
      ['deals.list', { stage: 'closing' }, 'stage'],
      ['deals.get', {}, 'dealId'],
      ['quotes.list', { companyId: 42 }, 'companyId'],
      ['timeline.list', { companyId: id, limit: 0 }, 'limit'],
      ['health.get', { companyId: '' }, 'companyId'],
    ];
    const mutations: [string, unknown, string][] = [
      ['companies.create', { name: '' }, 'name'],
      ['companies.create', { name: 'X', domain: 'not a domain' }, 'domain'],
      ['companies.update', { companyId: id, status: 'lost' }, 'status'],
      ['companies.promote', { companyId: id, termMonths: 0 }, 'termMonths'],
      ['contacts.create', { companyId: id, name: 'C', email: 'not-an-email' }, 'email'],
      ['contacts.update', { contactId: 'c' }, 'contactId'],
      ['contacts.remove', {}, 'contactId'],
      ['deals.create', { companyId: id, name: 'D', value: '12,00' }, 'value'],
      ['deals.create', { companyId: 'nope', name: 'D', value: '1.00' }, 'companyId'],
      ['deals.update', { dealId: id, recurringRevenue: '-5' }, 'recurringRevenue'],
      ['deals.moveStage', { dealId: id, stage: 'closing' }, 'stage'],
      ['deals.markWon', { dealId: id, createProject: 'yes' }, 'createProject'],
      ['quotes.create', { companyId: id, lines: [] }, 'lines'],
      ['settings.update', { defaultCurrency: 'euro' }, 'defaultCurrency'],
    ];
    const answers = [
      ...(await Promise.all(
        queries.map(async ([path, input, field]) => ({
          path,
          field,
          ...(await olivia.query(path, input)),
        })),
      )),
      ...(await Promise.all(
        mutations.map(async ([path, input, field]) => ({
          path,
          field,
          ...(await olivia.mutate(path, input)),
        })),
      )),
    ];
    for (const { path, field, status, message } of answers) {
      expect(status, path).toBe(400);
      expect(message, path).toContain(`"${field}"`);
    }
    const foreignOwner = await olivia.mutate('deals.create', {
      companyId: company.id,
      name: 'D',
      value: '1.00',
      ownerId: userId('carl@contoso.test'),
    });
    expect(foreignOwner).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^ownerId: .* not a Hub user of this org/),
    });
  });

  it('companies, contacts and deals: create, read, update, move through the pipeline', async () => {
    const company = await createCompany(olivia, 'Acme');
    await olivia.mutate('contacts.create', {
      companyId: company.id,
      name: 'Ann Buyer',
      email: 'ann@acme.example',
    });
    const detail = await olivia.query<{ contacts: { name: string }[] }>('companies.get', {
      companyId: company.id,
    });
    expect(detail.data.contacts.map((contact) => contact.name)).toEqual(['Ann Buyer']);
    const deal = await createDeal(olivia, company.id);
    expect(deal).toMatchObject({
      stage: 'proposal',
      value: '12000.00',
      owner: { userId: userId('olivia@northwind.test'), active: true },
    });
    const moved = await olivia.mutate<DealRow>('deals.moveStage', {
      dealId: deal.dealId,
      stage: 'negotiation',
    });
    expect(moved.data.stage).toBe('negotiation');
    const updated = await olivia.mutate<DealRow>('deals.update', {
      dealId: deal.dealId,
      value: '15000',
    });
    expect(updated.data.value).toBe('15000.00');
    const timeline = await olivia.query<{ items: { kind: string }[] }>('timeline.list', {
      companyId: company.id,
    });
    expect(timeline.data.items.map((item) => item.kind)).toEqual(['deal.stage_changed']);
  });

  it('a deal owned by a deactivated Hub user shows the owner as inactive', async () => {
    const mia = await sut.staff('mia@northwind.test', 'crm');
    const company = await createCompany(mia, 'Owned');
    const deal = await createDeal(olivia, company.id, { ownerId: userId('mia@northwind.test') });
    expect(deal.owner).toEqual({ userId: userId('mia@northwind.test'), name: 'Mia Member', active: true });
    await sut.database.db.system.hubUser.update({
      where: { id: userId('mia@northwind.test') },
      data: { deactivatedAt: new Date() },
    });
    const after = await olivia.query<DealRow>('deals.get', { dealId: deal.dealId });
    expect(after.data.owner).toEqual({
      userId: userId('mia@northwind.test'),
      name: 'Mia Member',
      active: false,
    });
  });

  it('a discount is a line of its own kind: it lowers the total, never below zero; prices are never negative', async () => {
    const company = await createCompany(olivia, 'Discounted');
    const service = {
      serviceCode: 'MS',
      description: 'Managed',
      quantity: 10,
      unitPrice: '100.00',
      recurring: true,
    };
    const discount = {
      ...service,
      serviceCode: 'LOYAL',
      description: 'Loyalty',
      quantity: 1,
      kind: 'discount',
    };
    const quoted = await olivia.mutate<{ total: string; recurringTotal: string }>('quotes.create', {
      companyId: company.id,
      lines: [service, { ...discount, unitPrice: '150.00' }],
    });
    expect(quoted.data).toMatchObject({ total: '850.00', recurringTotal: '850.00' });
    const listed = await olivia.query<{ lines: { kind?: string }[] }[]>('quotes.list', {
      companyId: company.id,
    });
    expect(listed.data[0]?.lines.map((line) => line.kind ?? 'service')).toEqual(['service', 'discount']);
    const tooMuch = await olivia.mutate('quotes.create', {
      companyId: company.id,
      lines: [service, { ...discount, unitPrice: '1000.01' }],
    });
    expect(tooMuch).toMatchObject({
      status: 400,
      message: expect.stringContaining('lines: the discounts exceed'),
    });
    const negative = await olivia.mutate('quotes.create', {
      companyId: company.id,
      lines: [{ ...service, unitPrice: '-100.00' }],
    });
    expect(negative.status).toBe(400);
    expect(negative.message).toContain('"unitPrice"');
  });

  it('quotes are numbered per org and land on the timeline', async () => {
    const company = await createCompany(olivia, 'Quoted');
    const line = {
      serviceCode: 'BK',
      description: 'Backup',
      quantity: 2,
      unitPrice: '50.00',
      recurring: true,
    };
    const setup = {
      serviceCode: 'SETUP',
      description: 'Onboarding',
      quantity: 1,
      unitPrice: '300.00',
      recurring: false,
    };
    const first = await olivia.mutate<{ number: string; total: string; recurringTotal: string }>(
      'quotes.create',
      {
        companyId: company.id,
        lines: [line, setup],
      },
    );
    const second = await olivia.mutate<{ number: string }>('quotes.create', {
      companyId: company.id,
      lines: [line],
    });
    expect(first.data).toMatchObject({ total: '400.00', recurringTotal: '100.00', currency: 'USD' });
    expect(Number(second.data.number.slice(2))).toBe(Number(first.data.number.slice(2)) + 1);
    const quotes = await olivia.query<{ number: string }[]>('quotes.list', { companyId: company.id });
    expect(quotes.data.map((quote) => quote.number)).toEqual([second.data.number, first.data.number]);
    const timeline = await olivia.query<{ items: { kind: string }[] }>('timeline.list', {
      companyId: company.id,
    });
    expect(timeline.data.items.map((item) => item.kind)).toEqual(['quote.created', 'quote.created']);
  });

  it('org settings: admins change the project default and the currency; members may not', async () => {
    const mia = await sut.staff('mia@northwind.test', 'crm');
    expect((await mia.mutate('settings.update', { createProjectOnWin: false })).status).toBe(403);
    const changed = await olivia.mutate('settings.update', {
      createProjectOnWin: false,
      defaultCurrency: 'EUR',
    });
    expect(changed.data).toEqual({
      createProjectOnWin: false,
      defaultCurrency: 'EUR',
      defaultCountry: 'US',
      winDealOnQuoteAccept: true,
    });
    expect((await mia.query('settings.get')).data).toEqual({
      createProjectOnWin: false,
      defaultCurrency: 'EUR',
      defaultCountry: 'US',
      winDealOnQuoteAccept: true,
    });
    await olivia.mutate('settings.update', { createProjectOnWin: true, defaultCurrency: 'USD' });
  });

  it("another org's company is not found", async () => {
    const carl = await sut.staff('carl@contoso.test', 'crm');
    const theirs = await createCompany(carl, 'Contoso client');
    const answer = await olivia.query('companies.get', { companyId: theirs.id });
    expect(answer).toMatchObject({ status: 404, message: `company ${theirs.id} not found` });
  });
});
