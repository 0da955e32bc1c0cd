import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wonDeal } from '../../../../../modules/books/test/support/books-data';
import type { StaffClient } from '../../../support/staff-client';
import { eventually, type TransportName, userId } from '../../../support/suite-fixture';
import { booksSteps } from './books-steps';
import { type BooksSuite, startBooksSuite } from './books-suite';
import type { ContractView, InvoiceView, PaymentView } from './books-views';

/**
 * Books' flows through the real bus, the same on both transports: CRM's and PSA's events go in through
 * the real outbox, relay and consumer; Books' events come out to another consumer on the same bus;
 * staff call over HTTP signed in at the dev Hub.
 */
export function booksFlows(transport: TransportName): void {
  describe(`Books flows over the bus: ${transport}`, () => {
    let fx: BooksSuite;
    let olivia: StaffClient;
    let adam: StaffClient;
    let glServices: string;
    beforeAll(async () => {
      fx = await startBooksSuite(transport);
      olivia = await fx.staff('olivia@northwind.test');
      adam = await fx.staff('adam@northwind.test');
    });
    afterAll(() => fx?.close());

    const { contractsOf, invoicesOf, received, activeContract } = booksSteps(
      () => fx,
      () => olivia,
    );

    it('flow 1: a won deal sets up one draft contract; unmapped lines are flagged; a person with books.billing.manage approves it', async () => {
      const deal = wonDeal();
      const first = await fx.publishAs({ type: 'crm.deal.won', data: deal });
      await fx.handled(first);
      // The same envelope again, and the deal reported won a second time (its contract was signed).
      await fx.redeliver(first);
      const again = await fx.publishAs({ type: 'crm.deal.won', data: { ...deal, via: 'contract_signed' } });
      await fx.handled(again);
      const contracts = await contractsOf(deal.companyId);
      expect(contracts).toHaveLength(1);
      const contract = contracts[0] as ContractView;
      expect(contract).toMatchObject({
        status: 'draft',
        crmDealId: deal.dealId,
        currency: 'USD',
        value: '14400.00',
        mrr: '1200.00',
        version: 1,
        flaggedLines: 3,
      });
      expect(
        contract.lines.map((line) => [
          line.itemCode,
          line.quantity,
          line.unitPrice,
          line.cadence,
          line.startsOn,
        ]),
      ).toEqual([
        ['MS-BASE', '10', '100.00', 'monthly', '2027-03-15'],
        ['MS-BACKUP', '4', '50.00', 'monthly', '2027-03-15'],
        ['ONBOARD', '1', '500.00', 'one_off', '2027-03-15'],
      ]);
      expect(contract.lines[0]?.flagged).toMatch(/^no GL account: map its item code/);

      // Adam is an Admin: billing setup is the Owner's by default.
      const byAdmin = await adam.mutate('contracts.approve', { contractId: contract.contractId });
      expect(byAdmin.status).toBe(403);
      expect(byAdmin.message).toMatch(/missing permission books\.billing\.manage/);

      const services = await olivia.ok<{ glAccountId: string }>('gl.createAccount', {
        code: '4000',
        name: 'Managed services',
      });
      const projects = await olivia.ok<{ glAccountId: string }>('gl.createAccount', {
        code: '4100',
        name: 'Projects',
      });
      glServices = services.glAccountId;
      const mapped = await olivia.ok<{ linesResolved: number }>('gl.mapItem', {
        itemCode: 'MS-BASE',
        glAccountId: services.glAccountId,
      });
      // Other runs on a shared Kafka broker may add contracts of their own to this org: at least ours.
      expect(mapped.linesResolved).toBeGreaterThanOrEqual(1);
      await olivia.ok('gl.mapItem', { itemCode: 'ONBOARD', glAccountId: projects.glAccountId });
      const refused = await olivia.mutate('contracts.approve', { contractId: contract.contractId });
      expect(refused.status).toBe(409);
      expect(refused.message).toMatch(/lines without a GL account \(MS-BACKUP\); map those item codes/);

      // The org default covers every item without a mapping of its own.
      await olivia.ok('gl.setDefault', { glAccountId: services.glAccountId });
      const approved = await olivia.ok<ContractView>('contracts.approve', {
        contractId: contract.contractId,
      });
      expect(approved).toMatchObject({
        status: 'active',
        activatedBy: userId('olivia@northwind.test'),
        flaggedLines: 0,
      });
      const activated = await received('books.contract.activated', contract.contractId);
      expect(activated.data).toMatchObject({
        crmDealId: deal.dealId,
        crmCompanyId: deal.companyId,
        mrr: '1200.00',
      });
      expect((await olivia.mutate('contracts.approve', { contractId: contract.contractId })).status).toBe(
        409,
      );
    });

    it('flow 1: by org setting a contract activates itself; a deal lacking mappings stays a flagged draft', async () => {
      await olivia.ok('settings.update', { autoActivateContracts: true });
      await olivia.ok('gl.setDefault', { glAccountId: null });
      const mapped = wonDeal({
        lineItems: [
          {
            serviceCode: 'MS-BASE',
            description: 'Managed desktop',
            quantity: 2,
            unitPrice: '100.00',
            recurring: true,
          },
        ],
      });
      const unmapped = wonDeal({
        lineItems: [
          {
            serviceCode: 'NEW-THING',
            description: 'Something new',
            quantity: 1,
            unitPrice: '75.00',
            recurring: true,
          },
        ],
      });
      await fx.handled(await fx.publishAs({ type: 'crm.deal.won', data: mapped }));
      await fx.handled(await fx.publishAs({ type: 'crm.deal.won', data: unmapped }));
      const [auto] = await contractsOf(mapped.companyId);
      expect(auto).toMatchObject({ status: 'active', activatedBy: 'auto', mrr: '1200.00' });
      await received('books.contract.activated', auto?.contractId ?? '');
      const [flagged] = await contractsOf(unmapped.companyId);
      expect(flagged).toMatchObject({ status: 'draft', flaggedLines: 1 });
      await olivia.ok('gl.setDefault', { glAccountId: glServices });
      await olivia.ok('settings.update', { autoActivateContracts: false });
    });

    it('flow 3: the billing run invoices each line once per period, prorated per day, and publishes books.invoice.finalized', async () => {
      const { deal, contract } = await activeContract();
      await fx.billingRun('2027-03-15');
      const [march] = await invoicesOf(deal.companyId);
      // 17 of March's 31 days: 1000.00 → 548.39, 200.00 → 109.68 (each rounded), plus the one-off 500.00.
      expect(march).toMatchObject({
        status: 'finalized',
        currency: 'USD',
        total: '1158.07',
        issuedOn: '2027-03-15',
        dueOn: '2027-04-14',
      });
      expect(
        march?.lines.map((line) => [
          line.itemCode,
          line.amount,
          line.daysBilled,
          line.daysInPeriod,
          line.glAccountCode,
        ]),
      ).toEqual([
        ['MS-BASE', '548.39', 17, 31, '4000'],
        ['MS-BACKUP', '109.68', 17, 31, '4000'],
        ['ONBOARD', '500.00', 1, 1, '4100'],
      ]);
      const finalized = await received('books.invoice.finalized', march?.invoiceId ?? '');
      expect(finalized.data).toMatchObject({
        number: march?.number,
        crmCompanyId: deal.companyId,
        contractId: contract.contractId,
        total: '1158.07',
        periodStart: '2027-03-01',
        periodEnd: '2027-03-31',
      });

      // Twice the same day, then the next day: nothing more. April's run bills April in full.
      await fx.billingRun('2027-03-15');
      await fx.billingRun('2027-03-16');
      expect(await invoicesOf(deal.companyId)).toHaveLength(1);
      await fx.billingRun('2027-04-01');
      await fx.billingRun('2027-04-01');
      const invoices = await invoicesOf(deal.companyId);
      expect(invoices.map((invoice) => invoice.total)).toEqual(['1158.07', '1200.00']);

      // Numbers are gapless across the org.
      const all = await olivia.ok<InvoiceView[]>('invoices.list', {}, 'query');
      const numbers = all.map((invoice) => Number(invoice.number?.slice(4))).sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, index) => index + 1));

      // Available to the Portal through the integration API.
      const key = await fx.integrationKey(['books:invoices.list']);
      const url = `${fx.suite.url}/books/integration/invoices.list?input=${encodeURIComponent(JSON.stringify({ companyId: deal.companyId }))}`;
      const portal = (await (await fetch(url, { headers: { 'x-integration-key': key } })).json()) as {
        result: { data: { number: string; outstanding: string }[] };
      };
      expect(portal.result.data.map((invoice) => [invoice.number, invoice.outstanding])).toEqual(
        invoices.map((invoice) => [invoice.number, invoice.total]),
      );
    });

    it('flow 4: payments pay the oldest invoice first, partially or in full, and keep an overpayment as credit', async () => {
      const { deal } = await activeContract();
      await fx.billingRun('2027-03-15');
      await fx.billingRun('2027-04-01');
      const [march, april] = await invoicesOf(deal.companyId);
      const pay = (amount: string, idempotencyKey = randomUUID()) =>
        olivia.ok<PaymentView>('payments.record', {
          crmCompanyId: deal.companyId,
          amount,
          currency: 'USD',
          receivedOn: '2027-04-20',
          idempotencyKey,
        });
      const partial = await pay('1000.00');
      expect(partial).toMatchObject({
        unapplied: '0.00',
        applied: [{ number: march?.number, amount: '1000.00', status: 'finalized', outstanding: '158.07' }],
        explanation: `1000.00 USD: 1000.00 paid part of ${march?.number} (158.07 still due).`,
      });
      const key = randomUUID();
      const over = await pay('1500.00', key);
      expect(over.applied.map((applied) => [applied.number, applied.amount, applied.status])).toEqual([
        [march?.number, '158.07', 'paid'],
        [april?.number, '1200.00', 'paid'],
      ]);
      expect(over.unapplied).toBe('141.93');
      expect(over.explanation).toMatch(
        /141\.93 is more than the open USD invoices; kept as credit on the account\.$/,
      );
      // The same request retried records nothing more.
      expect(await pay('1500.00', key)).toEqual(over);
      const paid = await received('books.invoice.paid', march?.invoiceId ?? '');
      expect(paid.data).toMatchObject({ number: march?.number, total: '1158.07' });
      await received('books.invoice.paid', april?.invoiceId ?? '');
      const after = await invoicesOf(deal.companyId);
      expect(after.map((invoice) => [invoice.status, invoice.paid, invoice.outstanding])).toEqual([
        ['paid', '1158.07', '0.00'],
        ['paid', '1200.00', '0.00'],
      ]);
      const tooMuch = await olivia.mutate('payments.record', {
        crmCompanyId: deal.companyId,
        amount: '99999999999999999999',
        currency: 'USD',
        receivedOn: '2027-04-20',
        idempotencyKey: randomUUID(),
      });
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.message).toMatch(
        /^amount: 99999999999999999999 USD is beyond the largest amount Books stores/,
      );
    });

    it('flow 2: an upsell is a new version from its date; a churned client ends its recurring lines and is credited the rest', async () => {
      const { deal, contract } = await activeContract();
      await fx.billingRun('2027-04-01');
      const revision = {
        contractId: contract.contractId,
        effectiveFrom: '2027-04-16',
        lines: [
          {
            itemCode: 'MS-BASE',
            description: 'Managed desktop',
            quantity: 15,
            unitPrice: '100.00',
            cadence: 'monthly',
          },
          {
            itemCode: 'MS-BACKUP',
            description: 'Cloud backup',
            quantity: 4,
            unitPrice: '50.00',
            cadence: 'monthly',
          },
        ],
      };
      const revised = await olivia.ok<ContractView>('contracts.revise', revision);
      expect(revised).toMatchObject({ version: 2, mrr: '1700.00' });
      // The same revision retried is the same version.
      expect(await olivia.ok<ContractView>('contracts.revise', revision)).toEqual(revised);
      expect(revised.lines.map((line) => [line.version, line.quantity, line.startsOn, line.endsOn])).toEqual([
        [1, '10', '2027-03-15', '2027-04-15'],
        [1, '4', '2027-03-15', '2027-04-15'],
        [1, '1', '2027-03-15', null],
        [2, '15', '2027-04-16', null],
        [2, '4', '2027-04-16', null],
      ]);
      // April was billed in full at the old version: its second half is credited, then billed anew.
      const [first] = await invoicesOf(deal.companyId);
      expect(first?.creditNotes.map((note) => [note.amount, note.reason])).toEqual([
        ['600.00', 'contract revised'],
      ]);
      await fx.billingRun('2027-04-16');
      const upsell = (await invoicesOf(deal.companyId))[1];
      expect(
        upsell?.lines.map((line) => [line.itemCode, line.quantity, line.amount, line.daysBilled]),
      ).toEqual([
        ['MS-BASE', '15', '750.00', 15],
        ['MS-BACKUP', '4', '100.00', 15],
      ]);

      const churn = await fx.publishAs({
        type: 'psa.client.status_changed',
        data: {
          clientId: randomUUID(),
          crmCompanyId: deal.companyId,
          status: 'churned',
          previousStatus: 'active',
          reason: 'moved to another MSP',
          changedAt: '2027-04-20T15:00:00.000Z',
        },
      });
      await fx.handled(churn);
      await fx.redeliver(churn);
      const [ended] = await contractsOf(deal.companyId);
      expect(ended?.status).toBe('ended');
      expect(ended?.lines.filter((line) => line.cadence !== 'one_off').map((line) => line.endsOn)).toEqual([
        '2027-04-15',
        '2027-04-15',
        '2027-04-20',
        '2027-04-20',
      ]);
      // 20 April was the last day: the upsell invoice is credited 10 of its 15 days.
      const credited = await eventually('the churn credit note', async () => {
        const invoice = (await invoicesOf(deal.companyId))[1];
        return invoice?.creditNotes.length ? invoice : undefined;
      });
      expect(credited.creditNotes.map((note) => [note.amount, note.reason])).toEqual([
        ['566.67', 'client churned'],
      ]);
      await fx.billingRun('2027-05-01');
      expect(await invoicesOf(deal.companyId)).toHaveLength(2);
    });

    it('flow 2: an upsell of the won deal in CRM is a new version from the day it changed, once', async () => {
      const { deal, contract } = await activeContract();
      const upsell = await fx.publishAs({
        type: 'crm.deal.updated',
        data: {
          dealId: deal.dealId,
          companyId: deal.companyId,
          value: '18000.00',
          recurringRevenue: '1500.00',
          currency: 'USD',
          lineItems: deal.lineItems.map((item) =>
            item.serviceCode === 'MS-BASE' ? { ...item, quantity: 13 } : item,
          ),
          changedAt: '2027-05-10T09:00:00.000Z',
        },
      });
      await fx.handled(upsell);
      await fx.redeliver(upsell);
      await fx.handled(
        await fx.publishAs({ type: 'crm.deal.won', data: { ...deal, via: 'contract_signed' } }),
      );
      const [revised] = await contractsOf(deal.companyId);
      expect(revised).toMatchObject({
        contractId: contract.contractId,
        version: 2,
        value: '18000.00',
        mrr: '1500.00',
      });
      // The onboarding fee was charged with version 1: the upsell does not charge it again.
      expect(
        revised?.lines.map((line) => [
          line.version,
          line.itemCode,
          line.quantity,
          line.startsOn,
          line.endsOn,
        ]),
      ).toEqual([
        [1, 'MS-BASE', '10', '2027-03-15', '2027-05-09'],
        [1, 'MS-BACKUP', '4', '2027-03-15', '2027-05-09'],
        [1, 'ONBOARD', '1', '2027-03-15', null],
        [2, 'MS-BASE', '13', '2027-05-10', null],
        [2, 'MS-BACKUP', '4', '2027-05-10', null],
      ]);
      await fx.billingRun('2027-05-10');
      const may = (await invoicesOf(deal.companyId))
        .flatMap((invoice) => invoice.lines)
        .filter((line) => line.itemCode === 'MS-BASE' && line.periodStart === '2027-05-01');
      // May: 9 days at 10 seats and 22 days at 13, each of 31 days.
      expect(may.map((line) => [line.quantity, line.amount, line.daysBilled])).toEqual([
        ['10', '290.32', 9],
        ['13', '922.58', 22],
      ]);
    });

    it('bad input: negative quantities and out-of-range prices are refused naming the field', async () => {
      await expect(
        fx.publishAs({
          type: 'crm.deal.won',
          data: wonDeal({
            lineItems: [
              { serviceCode: 'X', description: 'x', quantity: -1, unitPrice: '1.00', recurring: true },
            ],
          }),
        }),
      ).rejects.toThrow(/lineItems\.0\.quantity|quantity/);
      const { contract } = await activeContract();
      const line = {
        itemCode: 'MS-BASE',
        description: 'Managed desktop',
        quantity: 1,
        unitPrice: '100.00',
        cadence: 'monthly',
      };
      const negative = await olivia.mutate('contracts.revise', {
        contractId: contract.contractId,
        effectiveFrom: '2027-05-01',
        lines: [{ ...line, quantity: -2 }],
      });
      expect(negative).toMatchObject({
        status: 400,
        message: 'lines.0.quantity: quantities must be above 0, got -2',
      });
      const huge = await olivia.mutate('contracts.revise', {
        contractId: contract.contractId,
        effectiveFrom: '2027-05-01',
        lines: [line, { ...line, unitPrice: '100000000000000000000.00' }],
      });
      expect(huge.status).toBe(400);
      expect(huge.message).toMatch(
        /^lines\.1\.unitPrice: 100000000000000000000\.00 USD is beyond the largest amount/,
      );
      const overflow = await olivia.mutate('contracts.revise', {
        contractId: contract.contractId,
        effectiveFrom: '2027-05-01',
        lines: [{ ...line, quantity: 99_999_999, unitPrice: '92233720368547758.07' }],
      });
      expect(overflow).toMatchObject({
        status: 400,
        message: expect.stringMatching(/^lines\.0\.unitPrice: quantity × unit price/),
      });
      expect((await contractsOf(contract.crmCompanyId))[0]?.version).toBe(1);
    });
  });
}
