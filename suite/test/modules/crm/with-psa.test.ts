import { publishedEvents } from '@suite/bus/testing';
import { crmModule } from '@suite/crm';
import { psaModule } from '@suite/psa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffClient } from '../../support/staff-client';
import { eventually, startTestSuite, type TestSuite } from '../../support/suite-fixture';
import { createCompany, createDeal, type DealRow } from './support/crm-data';

// CRM next to the real PSA module in one suite process: nothing of PSA's side is played by the test.

interface PsaClient {
  id: string;
  crmCompanyId: string;
  status: string;
}
interface PsaContract {
  id: string;
  crmDealId: string | null;
  status: string;
}

let sut: TestSuite;
let olivia: StaffClient;
beforeAll(async () => {
  sut = await startTestSuite({ modules: [crmModule, psaModule] });
  olivia = await sut.staff('olivia@northwind.test', 'crm');
});
afterAll(() => sut?.close());

describe('CRM and PSA in one suite, end to end', () => {
  it('flows 1, 8 and 9: promote, sign the contract in PSA (deal won once), churn in PSA (company churned)', async () => {
    const company = await createCompany(olivia, 'Tailwind Traders', 'tailwind.example');
    await olivia.mutate('contacts.create', {
      companyId: company.id,
      name: 'Theo',
      email: 'theo@tailwind.example',
    });
    const deal = await createDeal(olivia, company.id, { stage: 'negotiation' });
    expect(
      (await olivia.mutate('companies.promote', { companyId: company.id, dealId: deal.dealId })).status,
    ).toBe(200);

    const client = await eventually('the PSA client', async () => {
      const clients = await olivia.on('psa').query<PsaClient[]>('clients.list');
      return clients.data?.find((candidate) => candidate.crmCompanyId === company.id);
    });
    const contract = await eventually('the draft contract', async () => {
      const contracts = await olivia.on('psa').query<PsaContract[]>('contracts.list', {
        clientId: client.id,
      });
      return contracts.data?.find((candidate) => candidate.crmDealId === deal.dealId);
    });
    expect((await olivia.on('psa').mutate('contracts.sign', { contractId: contract.id })).status).toBe(200);
    const won = await eventually('the deal closed as won by the signed contract', async () => {
      const answer = await olivia.query<DealRow & { wonVia: string }>('deals.get', {
        dealId: deal.dealId,
      });
      return answer.data.stage === 'won' && answer.data;
    });
    expect(won.wonVia).toBe('contract_signed');
    expect(
      await publishedEvents(sut.database.db, { type: 'crm.deal.won', aggregateId: deal.dealId }),
    ).toHaveLength(1);

    expect(
      (
        await olivia.on('psa').mutate('clients.setStatus', {
          clientId: client.id,
          status: 'churned',
          reason: 'Moved to a competitor',
        })
      ).status,
    ).toBe(200);
    await eventually('the company churned', async () => {
      const answer = await olivia.query<{ status: string }>('companies.get', {
        companyId: company.id,
      });
      return answer.data.status === 'churned';
    });
    const timeline = await olivia.query<{ items: { kind: string }[] }>('timeline.list', {
      companyId: company.id,
    });
    expect(timeline.data.items.map((item) => item.kind)).toEqual([
      'client.status_changed',
      'contract.signed',
      'deal.won',
      'company.promoted',
    ]);
  });
});
