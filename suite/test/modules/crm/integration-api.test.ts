import type { pipelineContext } from '@suite/contracts';
import { crmModule } from '@suite/crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { integrationApi, type StaffClient } from '../../support/staff-client';
import { CONTOSO, startTestSuite, type TestSuite, userId } from '../../support/suite-fixture';
import { createCompany, createDeal } from './support/crm-data';

const crmIntegration = integrationApi('crm');

let sut: TestSuite;
let olivia: StaffClient;
let fullKey: string;
beforeAll(async () => {
  sut = await startTestSuite({ modules: [crmModule] });
  olivia = await sut.staff('olivia@northwind.test', 'crm');
  fullKey = await sut.integrationKey(['crm:*']);
});
afterAll(() => sut?.close());

const line = {
  serviceCode: 'MS-BASE',
  description: 'Managed desktop',
  quantity: 3,
  unitPrice: '100.00',
  recurring: true,
};

describe('CRM integration API over HTTP with integration keys', () => {
  it('401 without or with an unknown key, 403 naming the missing scope, 404 for another org’s company', async () => {
    const company = await createCompany(olivia, 'Keyed');
    const input = { companyId: company.id };
    expect((await crmIntegration.query(sut.suite.url, undefined, 'pipeline.context', input)).status).toBe(
      401,
    );
    const unknown = `osk_0123456789abcdef_${'x'.repeat(43)}`;
    expect((await crmIntegration.query(sut.suite.url, unknown, 'pipeline.context', input)).status).toBe(401);
    const activityOnly = await sut.integrationKey(['crm:activity.*']);
    const forbidden = await crmIntegration.query(sut.suite.url, activityOnly, 'health.get', input);
    expect(forbidden).toMatchObject({ status: 403, message: expect.stringContaining('crm:health.get') });
    expect((await crmIntegration.query(sut.suite.url, activityOnly, 'activity.list', input)).status).toBe(
      200,
    );
    const contosoKey = await sut.integrationKey(['crm:*'], { orgId: CONTOSO });
    for (const path of ['pipeline.context', 'activity.list', 'health.get']) {
      const answer = await crmIntegration.query(sut.suite.url, contosoKey, path, input);
      expect(answer, path).toMatchObject({ status: 404, message: `company ${company.id} not found` });
    }
    const quote = await crmIntegration.mutate(sut.suite.url, contosoKey, 'quotes.create', {
      ...input,
      lines: [line],
      requestedBy: userId('carl@contoso.test'),
    });
    expect(quote.status).toBe(404);
  });

  it('bad input answers 400 naming the field', async () => {
    const company = await createCompany(olivia, 'Bad input');
    const cases: [string, unknown, string][] = [
      ['pipeline.context', { companyId: 'x' }, 'companyId'],
      ['activity.list', { companyId: company.id, limit: 500 }, 'limit'],
      ['health.get', {}, 'companyId'],
    ];
    for (const [path, input, field] of cases) {
      const answer = await crmIntegration.query(sut.suite.url, fullKey, path, input);
      expect(answer.status, path).toBe(400);
      expect(answer.message, path).toContain(`"${field}"`);
    }
    const badCursor = await crmIntegration.query(sut.suite.url, fullKey, 'activity.list', {
      companyId: company.id,
      cursor: 'zzz',
    });
    expect(badCursor).toMatchObject({ status: 400, message: expect.stringMatching(/^cursor: /) });
    const badQuote = await crmIntegration.mutate(sut.suite.url, fullKey, 'quotes.create', {
      companyId: company.id,
      lines: [{ ...line, unitPrice: 'ten' }],
      requestedBy: 'psa-user',
    });
    expect(badQuote.status).toBe(400);
    expect(badQuote.message).toContain('"unitPrice"');
  });

  it('flow 3: pipeline context gives open deals by stage with totals and owners', async () => {
    const company = await createCompany(olivia, 'Pipeline');
    await createDeal(olivia, company.id, { stage: 'lead', value: '1000.00', recurringRevenue: '100.00' });
    await createDeal(olivia, company.id, { stage: 'proposal', value: '2000.50', recurringRevenue: '200.00' });
    await createDeal(olivia, company.id, { stage: 'proposal', value: '3000.00', recurringRevenue: '0' });
    const won = await createDeal(olivia, company.id, { stage: 'negotiation', value: '9999.00' });
    await olivia.mutate('deals.markWon', { dealId: won.dealId });
    const answer = await crmIntegration.query<z.infer<typeof pipelineContext.output>>(
      sut.suite.url,
      await sut.integrationKey(['crm:pipeline.context']),
      'pipeline.context',
      { companyId: company.id },
    );
    expect(answer.status).toBe(200);
    expect(answer.data.stages).toEqual([
      { stage: 'lead', count: 1, value: '1000.00', recurringRevenue: '100.00' },
      { stage: 'qualified', count: 0, value: '0.00', recurringRevenue: '0.00' },
      { stage: 'proposal', count: 2, value: '5000.50', recurringRevenue: '200.00' },
      { stage: 'negotiation', count: 0, value: '0.00', recurringRevenue: '0.00' },
    ]);
    expect(answer.data.totals).toEqual({ openDeals: 3, value: '6000.50', recurringRevenue: '300.00' });
    expect(answer.data.deals).toHaveLength(3);
    expect(answer.data.deals[0]?.owner).toEqual({
      userId: userId('olivia@northwind.test'),
      name: 'Olivia Owner',
      active: true,
    });
  });

  it('flow 4: activity history pages newest first with a stable cursor', async () => {
    const company = await createCompany(olivia, 'Busy');
    for (const stage of ['qualified', 'proposal', 'negotiation', 'lost', 'lead']) {
      const deal = await createDeal(olivia, company.id, { stage: 'lead', name: `Deal ${stage}` });
      await olivia.mutate('deals.moveStage', {
        dealId: deal.dealId,
        stage: stage === 'lead' ? 'qualified' : stage,
      });
    }
    type Page = { items: { activityId: string; title: string }[]; nextCursor: string | null };
    const page = (cursor?: string) =>
      crmIntegration.query<Page>(sut.suite.url, fullKey, 'activity.list', {
        companyId: company.id,
        limit: 2,
        cursor,
      });
    const first = await page();
    // A new entry arriving between pages must not shift the next page.
    await createDeal(olivia, company.id, { stage: 'lead' }).then((deal) =>
      olivia.mutate('deals.moveStage', { dealId: deal.dealId, stage: 'proposal' }),
    );
    const second = await page(first.data.nextCursor ?? undefined);
    const third = await page(second.data.nextCursor ?? undefined);
    const seen = [...first.data.items, ...second.data.items, ...third.data.items].map(
      (item) => item.activityId,
    );
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(third.data.nextCursor).toBeNull();
    expect(first.data.items[0]?.title).toContain('Deal lead');
  });

  it('flow 5: the health score answers with its formula and inputs (null before any input)', async () => {
    const company = await createCompany(olivia, 'Healthy');
    const answer = await crmIntegration.query(sut.suite.url, fullKey, 'health.get', {
      companyId: company.id,
    });
    expect(answer.data).toMatchObject({
      companyId: company.id,
      score: null,
      computedAt: null,
      formula: expect.stringContaining('CSAT'),
      inputs: [
        expect.objectContaining({ name: 'csat', value: null }),
        expect.objectContaining({ name: 'ticket_load', value: null }),
      ],
    });
  });

  it('flow 6: PSA creates a quote from "Add Service"; it is numbered and lands on the timeline', async () => {
    const company = await createCompany(olivia, 'Add service');
    const key = await sut.integrationKey(['crm:quotes.create']);
    const answer = await crmIntegration.mutate(sut.suite.url, key, 'quotes.create', {
      companyId: company.id,
      lines: [line, { ...line, serviceCode: 'SETUP', unitPrice: '250.00', quantity: 1, recurring: false }],
      requestedBy: userId('grace@northwind.test'),
      note: 'Added from the PSA client page',
    });
    expect(answer).toMatchObject({
      status: 200,
      data: {
        status: 'draft',
        total: '550.00',
        recurringTotal: '300.00',
        currency: 'USD',
        number: expect.stringMatching(/^Q-\d{5}$/),
      },
    });
    const quotes = await olivia.query<{ source: string; requestedBy: string }[]>('quotes.list', {
      companyId: company.id,
    });
    expect(quotes.data).toEqual([
      expect.objectContaining({ source: 'psa', requestedBy: userId('grace@northwind.test') }),
    ]);
    const timeline = await olivia.query<{ items: { kind: string; title: string }[] }>('timeline.list', {
      companyId: company.id,
    });
    expect(timeline.data.items).toEqual([
      expect.objectContaining({ kind: 'quote.created', title: expect.stringContaining('from PSA') }),
    ]);
  });
});
