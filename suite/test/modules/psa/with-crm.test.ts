import { crmModule } from '@suite/crm';
import { psaModule } from '@suite/psa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffClient } from '../../support/staff-client';
import { eventually, startTestSuite, type TestSuite } from '../../support/suite-fixture';

// PSA next to the real CRM module in one suite process: CRM's staff API builds the company, PSA calls
// CRM's integration API over loopback HTTP with the key the suite provisions (flows 3 to 6), and the
// contract signed in PSA closes the CRM deal, which opens the PSA project (flows 8 and 2, via the bus).

let fx: TestSuite;
let psa: StaffClient;
let crmStaff: StaffClient;
let companyId: string;
let openDealId: string;
let clientId: string;

interface Sidebar {
  crm:
    | { available: false; message: string }
    | {
        available: true;
        pipeline: {
          totals: { openDeals: number; value: string };
          stages: { stage: string; count: number }[];
        };
        activity: { items: { activityId: string; kind: string }[]; nextCursor: string | null };
        health: { score: number | null; inputs: { name: string; value: number | null }[] };
      };
}

async function crmSidebar(input: Record<string, unknown> = {}) {
  const answer = await psa.query<Sidebar>('clients.sidebar', { clientId, ...input });
  if (!answer.data?.crm.available) throw new Error(`CRM part missing: ${JSON.stringify(answer)}`);
  return answer.data.crm;
}

beforeAll(async () => {
  fx = await startTestSuite({ modules: [psaModule, crmModule] });
  psa = await fx.staff('olivia@northwind.test', 'psa');
  crmStaff = await fx.staff('olivia@northwind.test', 'crm');
  const company = await crmStaff.ok<{ id: string }>('companies.create', {
    name: 'Tailspin',
    domain: 'tailspin.test',
  });
  companyId = company.id;
  await crmStaff.ok('contacts.create', { companyId, name: 'Tess', email: 'tess@tailspin.test' });
  const deal = (stage: string, value: string) =>
    crmStaff.ok<{ dealId: string }>('deals.create', {
      companyId,
      name: `Tailspin ${stage}`,
      stage,
      value,
      recurringRevenue: '100.00',
      createProject: true,
      lineItems: [],
    });
  openDealId = (await deal('proposal', '3000.00')).dealId;
  await deal('qualified', '2000.00');
  await crmStaff.ok('companies.promote', { companyId, dealId: openDealId, termMonths: 12 });
  clientId = await eventually('the client promoted from CRM', async () => {
    const clients = await psa.query<{ id: string; crmCompanyId: string }[]>('clients.list');
    return clients.data.find((client) => client.crmCompanyId === companyId)?.id;
  });
});
afterAll(() => fx?.close());

describe('PSA calling CRM (one process, loopback HTTP with a provisioned integration key)', () => {
  it('flow 3: the sidebar shows CRM pipeline context: open deals by stage and totals', async () => {
    const { pipeline } = await crmSidebar();
    expect(pipeline.totals).toMatchObject({ openDeals: 2, value: '5000.00' });
    expect(pipeline.stages.filter((stage) => stage.count > 0).map((stage) => stage.stage)).toEqual([
      'qualified',
      'proposal',
    ]);
  });

  it('flow 4: the sidebar pages through the company activity history, PSA tickets included (flow 11)', async () => {
    await psa.ok('tickets.create', { clientId, subject: 'Laptop setup' });
    await eventually('the ticket on the CRM timeline', async () => {
      const { activity } = await crmSidebar({ activityLimit: 100 });
      return activity.items.some((item) => item.kind === 'ticket.created');
    });
    const first = await crmSidebar({ activityLimit: 1 });
    expect(first.activity.items).toHaveLength(1);
    expect(first.activity.nextCursor).not.toBeNull();
    const second = await crmSidebar({ activityLimit: 1, activityCursor: first.activity.nextCursor });
    expect(second.activity.items).toHaveLength(1);
    expect(second.activity.items[0]?.activityId).not.toBe(first.activity.items[0]?.activityId);
  });

  it('flow 5: the sidebar shows the CRM health score, which CSAT answers from PSA feed (flow 10)', async () => {
    await psa.ok('csat.submit', { clientId, score: 5, comment: 'great' });
    const health = await eventually('a health score from the CSAT answer', async () => {
      const crmPart = await crmSidebar();
      return crmPart.health.score !== null && crmPart.health;
    });
    expect(health.inputs.length).toBeGreaterThan(0);
  });

  it('flow 6: adding a service creates a CRM quote directly', async () => {
    await psa.ok('services.create', {
      code: 'SOC-24X7',
      name: 'SOC 24/7',
      unitPrice: '300',
      recurring: true,
    });
    const added = await psa.ok<{ quote: { quoteId: string; total: string; recurringTotal: string } }>(
      'clients.addService',
      { clientId, serviceCode: 'SOC-24X7', quantity: 2, note: 'from PSA' },
    );
    expect(added.quote).toMatchObject({ total: '600.00', recurringTotal: '600.00' });
    const timeline = await crmSidebar({ activityLimit: 100 });
    expect(timeline.activity.items.map((item) => item.kind)).toContain('quote.created');
  });

  it('flows 8 and 2: signing the contract in PSA wins the CRM deal, whose won event opens the project', async () => {
    const contracts = await psa.query<{ id: string; crmDealId: string }[]>('contracts.list', { clientId });
    const contract = contracts.data.find((candidate) => candidate.crmDealId === openDealId);
    await psa.ok('contracts.sign', { contractId: contract?.id });
    const won = await eventually('the CRM deal won', async () => {
      const deal = await crmStaff.query<{ stage: string; wonVia: string }>('deals.get', {
        dealId: openDealId,
      });
      return deal.data?.stage === 'won' && deal.data;
    });
    expect(won.wonVia).toBe('contract_signed');
    const projects = await eventually('the project of the won deal', async () => {
      const listed = await psa.query<{ crmDealId: string }[]>('projects.list');
      const ofDeal = listed.data.filter((project) => project.crmDealId === openDealId);
      return ofDeal.length > 0 && ofDeal;
    });
    expect(projects).toHaveLength(1);
  });
});
