import { randomUUID } from 'node:crypto';
import type { booksGlJournal, booksRevenueDashboard } from '@suite/contracts';
import { crmModule } from '@suite/crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { StaffClient } from '../../../support/staff-client';
import { eventually, type TransportName } from '../../../support/suite-fixture';
import { type BooksSuite, startBooksSuite } from './books-suite';
import type { ContractView, InvoiceView } from './books-views';

type Dashboard = z.infer<typeof booksRevenueDashboard.output>;
type Journal = z.infer<typeof booksGlJournal.output>;

/**
 * Books beside the real CRM module: deals are won by staff in CRM, invoices land on CRM's company
 * timeline, and the revenue dashboard takes CRM's figures from CRM's integration API.
 */
export function booksWithCrmFlows(transport: TransportName): void {
  describe(`Books with CRM over the bus: ${transport}`, () => {
    let fx: BooksSuite;
    let books: StaffClient;
    let crm: StaffClient;
    beforeAll(async () => {
      fx = await startBooksSuite(transport, [crmModule]);
      books = await fx.staff('olivia@northwind.test');
      crm = await fx.staff('olivia@northwind.test', 'crm');
      const services = await books.ok<{ glAccountId: string }>('gl.createAccount', {
        code: '4000',
        name: 'Managed services',
      });
      const projects = await books.ok<{ glAccountId: string }>('gl.createAccount', {
        code: '4100',
        name: 'Projects',
      });
      await books.ok('gl.setDefault', { glAccountId: services.glAccountId });
      await books.ok('gl.mapItem', { itemCode: 'ONBOARD', glAccountId: projects.glAccountId });
    });
    afterAll(() => fx?.close());

    /** A company with one deal won in CRM now, and an open one in the pipeline. */
    async function wonInCrm(name: string) {
      const company = await crm.ok<{ id: string }>('companies.create', {
        name,
        domain: `${name.toLowerCase()}.test`,
      });
      const deal = (stage: string) =>
        crm.ok<{ dealId: string }>('deals.create', {
          companyId: company.id,
          name: `${name} managed services`,
          stage,
          value: '14400.00',
          recurringRevenue: '1200.00',
          lineItems: [
            {
              serviceCode: 'MS-BASE',
              description: 'Managed desktop',
              quantity: 12,
              unitPrice: '100.00',
              recurring: true,
            },
            {
              serviceCode: 'ONBOARD',
              description: 'Onboarding',
              quantity: 1,
              unitPrice: '333.33',
              recurring: false,
            },
          ],
        });
      const won = await deal('proposal');
      await deal('negotiation');
      await crm.ok('deals.markWon', { dealId: won.dealId });
      const contract = await eventually(
        'the billing contract',
        async () =>
          (await books.ok<ContractView[]>('contracts.list', { crmCompanyId: company.id }, 'query'))[0],
      );
      await books.ok('contracts.approve', { contractId: contract.contractId });
      return { companyId: company.id, contract };
    }

    const today = new Date().toISOString().slice(0, 10);

    it('flows 1 and 3: a deal won in CRM is billed, and the invoice appears on the CRM company timeline', async () => {
      const { companyId, contract } = await wonInCrm('Fabrikam');
      expect(contract).toMatchObject({ value: '14400.00', mrr: '1200.00', flaggedLines: 0 });
      await fx.billingRun(today);
      const [invoice] = await books.ok<InvoiceView[]>('invoices.list', { crmCompanyId: companyId }, 'query');
      expect(invoice?.status).toBe('finalized');
      type Timeline = { items: { kind: string; title: string }[] };
      const entry = await eventually('the invoice on the timeline', async () => {
        const timeline = await crm.ok<Timeline>('timeline.list', { companyId, limit: 50 }, 'query');
        return timeline.items.find((item) => item.kind === 'invoice.finalized');
      });
      expect(entry.title).toBe(
        `Invoice ${invoice?.number} issued: ${invoice?.total} USD, due ${invoice?.dueOn}`,
      );
    });

    it('flow 2: a won deal upsold in CRM bills its new lines from the day of the change', async () => {
      const { companyId, contract } = await wonInCrm('Upsold');
      await crm.ok('deals.update', {
        dealId: contract.crmDealId,
        recurringRevenue: '1500.00',
        lineItems: [
          {
            serviceCode: 'MS-BASE',
            description: 'Managed desktop',
            quantity: 15,
            unitPrice: '100.00',
            recurring: true,
          },
          {
            serviceCode: 'ONBOARD',
            description: 'Onboarding',
            quantity: 1,
            unitPrice: '333.33',
            recurring: false,
          },
        ],
      });
      const revised = await eventually('version 2', async () => {
        const [found] = await books.ok<ContractView[]>(
          'contracts.list',
          { crmCompanyId: companyId },
          'query',
        );
        return found?.version === 2 && found;
      });
      expect(revised.mrr).toBe('1500.00');
      expect(
        revised.lines
          .filter((line) => line.version === 2)
          .map((line) => [line.itemCode, line.quantity, line.startsOn]),
      ).toEqual([['MS-BASE', '15', today]]);
    });

    it('flow 5: the revenue dashboard joins CRM’s pipeline and won deals with Books’ invoices, and reconciles', async () => {
      const { companyId } = await wonInCrm('Contoso');
      await fx.billingRun(today);
      const invoices = await books.ok<InvoiceView[]>('invoices.list', { crmCompanyId: companyId }, 'query');
      await books.ok('payments.record', {
        crmCompanyId: companyId,
        amount: '100.00',
        currency: 'USD',
        receivedOn: today,
        idempotencyKey: randomUUID(),
      });
      const period = { from: today, to: today, companyId };
      const dashboard = await books.ok<Dashboard>('revenue.dashboard', period, 'query');
      expect(dashboard.crm).toMatchObject({
        available: true,
        currency: 'USD',
        won: { count: 1, value: '14400.00', newMrr: '1200.00' },
      });
      if (!dashboard.crm.available) throw new Error(dashboard.crm.message);
      expect(dashboard.crm.pipeline.find((stage) => stage.stage === 'negotiation')).toEqual({
        stage: 'negotiation',
        count: 1,
        value: '14400.00',
      });
      const cents = (amount: string) => Math.round(Number(amount) * 100);
      const invoicedCents = invoices.reduce((total, invoice) => total + cents(invoice.total), 0);
      const [usd] = dashboard.books;
      expect(usd).toMatchObject({ currency: 'USD', invoiceCount: invoices.length, paid: '100.00' });
      expect(cents(usd?.invoiced ?? '')).toBe(invoicedCents);
      expect(cents(usd?.outstanding ?? '')).toBe(invoicedCents - 10_000);

      // Sister products get the same figures through Books' integration API.
      const key = await fx.integrationKey(['books:revenue.dashboard']);
      const url = `${fx.suite.url}/books/integration/revenue.dashboard?input=${encodeURIComponent(JSON.stringify(period))}`;
      const answer = (await (await fetch(url, { headers: { 'x-integration-key': key } })).json()) as {
        result: { data: Dashboard };
      };
      expect(answer.result.data).toEqual(dashboard);
    });

    it('flow 6: the GL journal balances per invoice, exports as CSV and carries an idempotency key per invoice', async () => {
      const period = { from: today, to: today };
      const journal = await books.ok<Journal>('gl.journal', period, 'query');
      const invoices = await books.ok<InvoiceView[]>('invoices.list', {}, 'query');
      expect(journal.entries.map((entry) => entry.number)).toEqual(invoices.map((invoice) => invoice.number));
      for (const entry of journal.entries) {
        const sum = (side: 'debit' | 'credit') =>
          entry.postings.reduce((total, posting) => total + Math.round(Number(posting[side]) * 100), 0);
        expect(sum('debit')).toBe(sum('credit'));
        expect(entry.idempotencyKey).toBe(`books-invoice:${entry.invoiceId}`);
      }
      const onboarding = journal.totals.find((total) => total.account === '4100');
      const onboardingCents = invoices
        .flatMap((invoice) => invoice.lines)
        .filter((line) => line.glAccountCode === '4100')
        .reduce((total, line) => total + Math.round(Number(line.amount) * 100), 0);
      expect(onboardingCents).toBeGreaterThan(0);
      expect(onboarding).toEqual({
        account: '4100',
        accountName: 'Projects',
        currency: 'USD',
        credit: (onboardingCents / 100).toFixed(2),
      });
      const { csv, filename } = await books.ok<{ csv: string; filename: string }>(
        'gl.journalCsv',
        period,
        'query',
      );
      expect(filename).toBe(`gl-journal-${today}-to-${today}.csv`);
      const rows = csv.trimEnd().split('\r\n');
      expect(rows[0]).toBe('date,invoice,company,account,account_name,debit,credit,currency,idempotency_key');
      expect(rows).toHaveLength(
        1 + journal.entries.reduce((total, entry) => total + entry.postings.length, 0),
      );
      const key = await fx.integrationKey(['books:gl.journal']);
      const url = `${fx.suite.url}/books/integration/gl.journal?input=${encodeURIComponent(JSON.stringify(period))}`;
      const answer = (await (await fetch(url, { headers: { 'x-integration-key': key } })).json()) as {
        result: { data: Journal };
      };
      expect(answer.result.data).toEqual(journal);
    });
  });
}
