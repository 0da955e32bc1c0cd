import { publishedEvents } from '@suite/bus/testing';
import { crmModule } from '@suite/crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createDeal } from './modules/crm/support/crm-data';
import type { StaffClient } from './support/staff-client';
import { startTestSuite, type TestSuite } from './support/suite-fixture';

// ARCHITECTURE, observability: an event published while serving a request is part of that request's
// trace, though no service passes the trace on.
let fx: TestSuite;
let olivia: StaffClient;
beforeAll(async () => {
  fx = await startTestSuite({ modules: [crmModule] });
  olivia = await fx.staff('olivia@northwind.test', 'crm');
});
afterAll(() => fx?.close());

const traceOf = async (type: string, key: string) => {
  const [row] = await publishedEvents(fx.database.db, { type, aggregateId: key });
  if (!row) throw new Error(`no ${type} event was published for ${key}`);
  return row.attributes.traceparent as string;
};

describe('events published during a staff request', () => {
  it("carry the request's traceparent: the caller's trace id, a span of their own", async () => {
    const company = await createCompany(olivia, 'Traced Co');
    const deal = await createDeal(olivia, company.id);
    const callerTrace = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const response = await olivia.browser.request('/crm/trpc/deals.markWon', {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: callerTrace },
      body: JSON.stringify({ dealId: deal.dealId }),
    });
    expect(response.status).toBe(200);
    const traceparent = await traceOf('crm.deal.won', deal.dealId);
    expect(traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(traceparent).not.toBe(callerTrace);
  });

  it('start a trace of their own per request when the caller sends none', async () => {
    const company = await createCompany(olivia, 'Untraced Co');
    const [first, second] = [await createDeal(olivia, company.id), await createDeal(olivia, company.id)];
    await olivia.ok('deals.markWon', { dealId: first.dealId });
    await olivia.ok('deals.markWon', { dealId: second.dealId });
    const traceId = (traceparent: string) => traceparent.split('-')[1];
    expect(traceId(await traceOf('crm.deal.won', first.dealId))).not.toBe(
      traceId(await traceOf('crm.deal.won', second.dealId)),
    );
  });
});
