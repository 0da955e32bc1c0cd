import type { SuiteModule } from '@suite/contracts';
import type { StaffBrowser } from '@suite/hub-auth/testing';
import { installedModules } from '@suite/suite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createDeal, type DealRow } from './support/crm-fixtures';
import { type CrmSuite, eventually, isolatedModule, startCrmSuite } from './support/crm-suite';
import { psaStaff, staff } from './support/http-calls';

// CRM next to the real PSA module in one suite process: nothing of PSA's side is played by the test.
const psaModule = installedModules.find((module) => module.name === 'psa') as SuiteModule;

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

let sut: CrmSuite;
let olivia: StaffBrowser;
beforeAll(async () => {
  sut = await startCrmSuite('postgres', isolatedModule(), undefined, [psaModule]);
  olivia = await sut.signedIn('olivia@northwind.test');
});
afterAll(() => sut?.close());

describe('CRM and PSA in one suite, end to end', () => {
  it('flows 1, 8 and 9: promote, sign the contract in PSA (deal won once), churn in PSA (company churned)', async () => {
    const company = await createCompany(olivia, 'Tailwind Traders', 'tailwind.example');
    await staff.mutate(olivia, 'contacts.create', {
      companyId: company.id,
      name: 'Theo',
      email: 'theo@tailwind.example',
    });
    const deal = await createDeal(olivia, company.id, { stage: 'negotiation' });
    expect(
      (await staff.mutate(olivia, 'companies.promote', { companyId: company.id, dealId: deal.dealId }))
        .status,
    ).toBe(200);

    const client = await eventually('the PSA client', async () => {
      const clients = await psaStaff.query<PsaClient[]>(olivia, 'clients.list');
      return clients.data?.find((candidate) => candidate.crmCompanyId === company.id);
    });
    const contract = await eventually('the draft contract', async () => {
      const contracts = await psaStaff.query<PsaContract[]>(olivia, 'contracts.list', {
        clientId: client.id,
      });
      return contracts.data?.find((candidate) => candidate.crmDealId === deal.dealId);
    });
    expect((await psaStaff.mutate(olivia, 'contracts.sign', { contractId: contract.id })).status).toBe(200);
    const won = await eventually('the deal closed as won by the signed contract', async () => {
      const answer = await staff.query<DealRow & { wonVia: string }>(olivia, 'deals.get', {
        dealId: deal.dealId,
      });
      return answer.data.stage === 'won' && answer.data;
    });
    expect(won.wonVia).toBe('contract_signed');
    expect(
      await sut.database.db.system.busOutbox.count({
        where: { type: 'crm.deal.won', aggregateId: deal.dealId },
      }),
    ).toBe(1);

    expect(
      (
        await psaStaff.mutate(olivia, 'clients.setStatus', {
          clientId: client.id,
          status: 'churned',
          reason: 'Moved to a competitor',
        })
      ).status,
    ).toBe(200);
    await eventually('the company churned', async () => {
      const answer = await staff.query<{ status: string }>(olivia, 'companies.get', {
        companyId: company.id,
      });
      return answer.data.status === 'churned';
    });
    const timeline = await staff.query<{ items: { kind: string }[] }>(olivia, 'timeline.list', {
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
