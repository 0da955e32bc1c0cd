import { forOrg, type OrgScope } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateContract } from '../src/contracts/contract-activation.service';
import { setUpContractFromDeal } from '../src/contracts/contract-setup.service';
import { createGlAccount, setDefaultGlAccount } from '../src/gl/gl-account.service';
import { listInvoices } from '../src/invoices/invoice.service';
import { billingRunJob } from '../src/jobs/billing-run.job';
import { wonDeal } from './support/books-data';

let database: TestDatabase;
let tenant: OrgScope;

beforeAll(async () => {
  database = await createTestDatabase();
  const org = await database.db.system.organization.create({ data: { slug: 'multi', name: 'Multi' } });
  tenant = forOrg(database.db.app, org.id);
  await tenant.transaction(async (tx) => {
    const account = await createGlAccount(tx, { code: '4000', name: 'Managed services' });
    await setDefaultGlAccount(tx, { glAccountId: account.glAccountId });
  });
});
afterAll(() => database?.drop());

describe('a client billed in several currencies', () => {
  it('gets one invoice per currency, each exact in its own minor units', async () => {
    const companyId = crypto.randomUUID();
    const line = (unitPrice: string, quantity = 3) => ({
      serviceCode: 'MS-BASE',
      description: 'Managed desktop',
      quantity,
      unitPrice,
      recurring: true,
    });
    const deals = [
      wonDeal({ companyId, currency: 'USD', recurringRevenue: '100.02', lineItems: [line('33.34')] }),
      wonDeal({ companyId, currency: 'EUR', recurringRevenue: '0.03', lineItems: [line('0.01')] }),
      wonDeal({
        companyId,
        currency: 'JPY',
        value: '1000',
        recurringRevenue: '1000',
        lineItems: [line('333', 1.5)],
      }),
    ];
    for (const deal of deals)
      await tenant.transaction(async (tx) => {
        const { contractId } = await setUpContractFromDeal(tx, {
          ...deal,
          wonAt: '2027-03-01T08:00:00.000Z',
        });
        await activateContract(tx, contractId, 'test');
      });
    await billingRunJob.run({
      db: database.db,
      log: pino({ level: 'silent' }),
      slot: new Date('2027-03-01T02:07:00Z'),
    });
    const invoices = await tenant.transaction((tx) => listInvoices(tx, { crmCompanyId: companyId }));
    // Numbered in the billing run's contract order; compared by currency.
    expect(
      invoices
        .map((invoice) => [invoice.currency, invoice.total, invoice.lines.map((l) => l.amount)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual([
      ['EUR', '0.03', ['0.03']],
      // 1.5 × ¥333 = ¥499.5, rounded half away from zero to ¥500: no fraction of a yen.
      ['JPY', '500', ['500']],
      ['USD', '100.02', ['100.02']],
    ]);
  });
});
