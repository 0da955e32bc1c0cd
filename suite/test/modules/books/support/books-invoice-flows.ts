import { randomUUID } from 'node:crypto';
import { toolsModule } from '@suite/tools';
import { paymentIntentSucceeded, stripeDelivery } from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wonDeal } from '../../../../../modules/books/test/support/books-data';
import type { StaffClient } from '../../../support/staff-client';
import { type TransportName, userId } from '../../../support/suite-fixture';
import { booksSteps } from './books-steps';
import { type BooksSuite, startBooksSuite } from './books-suite';
import type { ContractView, InvoiceView } from './books-views';

/**
 * Card payments from the tool layer (a signed Stripe webhook among them), PSA contract terms, and the invoices staff make, void and credit by
 * hand, through the real bus on both transports.
 */
export function booksInvoiceFlows(transport: TransportName): void {
  describe(`Books payments, terms and manual invoices over the bus: ${transport}`, () => {
    let fx: BooksSuite;
    let olivia: StaffClient;
    beforeAll(async () => {
      fx = await startBooksSuite(transport, [toolsModule]);
      olivia = await fx.staff('olivia@northwind.test');
      const services = await olivia.ok<{ glAccountId: string }>('gl.createAccount', {
        code: '4000',
        name: 'Managed services',
      });
      for (const itemCode of ['MS-BASE', 'MS-BACKUP', 'ONBOARD', 'HW-LAPTOP'])
        await olivia.ok('gl.mapItem', { itemCode, glAccountId: services.glAccountId });
    });
    afterAll(() => fx?.close());
    const { contractsOf, invoicesOf, received, activeContract } = booksSteps(
      () => fx,
      () => olivia,
    );
    const cardPayment = (
      invoiceId: string,
      amount: string,
      paymentId = `pi_${randomUUID().slice(0, 8)}`,
    ) => ({
      type: 'tools.payment.succeeded' as const,
      data: {
        connectionId: randomUUID(),
        provider: 'stripe',
        paymentId,
        amount,
        currency: 'USD',
        reference: `books-invoice:${invoiceId}`,
        paidAt: '2027-04-20T12:00:00.000Z',
      },
    });
    /** PSA reports the deal's contract signed; returns what its later events carry. */
    async function psaContractSigned(deal: { dealId: string; companyId: string; wonAt: string }) {
      const psa = { contractId: randomUUID(), clientId: randomUUID(), crmCompanyId: deal.companyId };
      await fx.handled(
        await fx.publishAs({
          type: 'psa.contract.signed',
          data: {
            ...psa,
            crmDealId: deal.dealId,
            name: 'Managed services agreement',
            monthlyValue: '1200.00',
            signedAt: deal.wonAt,
          },
        }),
      );
      return psa;
    }
    const paymentsOf = (paymentId: string) =>
      fx.database.db.system.booksPayment.findMany({ where: { idempotencyKey: `stripe:${paymentId}` } });

    it('flow 4: a card payment for an invoice pays it first; a partial one leaves the rest due, an overpayment pays the next and stays as credit', async () => {
      const { deal } = await activeContract();
      await fx.billingRun('2027-03-15');
      await fx.billingRun('2027-04-01');
      const [march, april] = (await invoicesOf(deal.companyId)) as [InvoiceView, InvoiceView];

      // Part of April, though March is older: the payer named April.
      const partial = await fx.publishAs(cardPayment(april.invoiceId, '1000.00', 'pi_partial'));
      await fx.handled(partial);
      await fx.redeliver(partial);
      // The vendor sends the same webhook again: a new event, the same vendor payment.
      await fx.handled(await fx.publishAs(cardPayment(april.invoiceId, '1000.00', 'pi_partial')));
      let [marchNow, aprilNow] = await invoicesOf(deal.companyId);
      expect(aprilNow).toMatchObject({ status: 'finalized', paid: '1000.00', outstanding: '200.00' });
      expect(marchNow).toMatchObject({ status: 'finalized', paid: '0.00', outstanding: '1158.07' });
      expect(await paymentsOf('pi_partial')).toMatchObject([{ source: 'stripe', amountMinor: 100000n }]);

      // 1400.00 for April: its 200.00, then March's 1158.07, and 41.93 more than anything open.
      await fx.handled(await fx.publishAs(cardPayment(april.invoiceId, '1400.00', 'pi_over')));
      [marchNow, aprilNow] = await invoicesOf(deal.companyId);
      expect([aprilNow?.status, aprilNow?.outstanding, marchNow?.status, marchNow?.outstanding]).toEqual([
        'paid',
        '0.00',
        'paid',
        '0.00',
      ]);
      expect(await paymentsOf('pi_over')).toMatchObject([
        { unappliedMinor: 4193n, reference: `books-invoice:${april.invoiceId}` },
      ]);
      const paid = await received('books.invoice.paid', april.invoiceId);
      expect(paid.data).toMatchObject({ number: april.number, total: '1200.00' });
      await received('books.invoice.paid', march.invoiceId);

      // A payment for something that is not a Books invoice is left alone.
      const foreign = cardPayment(march.invoiceId, '10.00', 'pi_foreign');
      await fx.handled(
        await fx.publishAs({ ...foreign, data: { ...foreign.data, reference: 'portal-order:42' } }),
      );
      expect(await paymentsOf('pi_foreign')).toEqual([]);
    });

    it('flow 4: a Stripe payment_intent.succeeded webhook for an invoice pays it, once however often Stripe sends it', async () => {
      const signingSecret = 'whsec_BooksStripeStandInSecret0001';
      const tools = await fx.staff('olivia@northwind.test', 'tools');
      const { webhookUrl } = await tools.ok<{ webhookUrl: string }>('connections.saveWebhookSecret', {
        provider: 'stripe',
        signingSecret,
      });
      const { deal } = await activeContract();
      await fx.billingRun('2027-03-15');
      const [march] = (await invoicesOf(deal.companyId)) as [InvoiceView];
      const intent = `pi_${randomUUID().replaceAll('-', '')}`;
      // As Stripe sends it: the reference Books attached travels in the PaymentIntent's metadata.
      const delivery = stripeDelivery(
        signingSecret,
        paymentIntentSucceeded(`evt_${randomUUID().replaceAll('-', '')}`, {
          intentId: intent,
          amount: 115_807,
          reference: `books-invoice:${march.invoiceId}`,
          created: Math.floor(Date.now() / 1000),
        }),
      );
      const post = () =>
        fetch(`${fx.suite.url}${webhookUrl}`, {
          method: 'POST',
          headers: delivery.headers,
          body: delivery.body,
        });
      expect((await post()).status).toBeLessThan(300);
      expect((await post()).status).toBeLessThan(300);
      const paid = await received('books.invoice.paid', march.invoiceId);
      expect(paid.data).toMatchObject({ number: march.number, total: '1158.07' });
      expect((await invoicesOf(deal.companyId))[0]).toMatchObject({ status: 'paid', outstanding: '0.00' });
      expect(await paymentsOf(intent)).toMatchObject([{ amountMinor: 115_807n, source: 'stripe' }]);
    });

    it('flow 2: a PSA contract amendment ends the recurring lines at the end of its term and credits what was billed beyond', async () => {
      const { deal, contract } = await activeContract();
      const psa = await psaContractSigned(deal);
      const amend = (
        revision: number,
        changes: { field: string; from: string | null; to: string | null }[],
      ) =>
        fx.publishAs({
          type: 'psa.contract.amended',
          data: {
            ...psa,
            revision,
            changes,
            amendedBy: userId('grace@northwind.test'),
            amendedAt: '2027-04-10T09:00:00.000Z',
          },
        });
      const recurringEnds = async () =>
        ((await contractsOf(deal.companyId))[0] as ContractView).lines
          .filter((line) => line.cadence !== 'one_off')
          .map((line) => line.endsOn);

      // A twelve-month term from the contract's first day (15 March 2027) ends on 14 March 2028.
      await fx.handled(await amend(2, [{ field: 'termMonths', from: null, to: '12' }]));
      expect(await recurringEnds()).toEqual(['2028-03-14', '2028-03-14']);
      await fx.billingRun('2027-04-01');

      // Cut to one month after April was billed in full: 16 of its 30 days are credited.
      const shortened = await amend(3, [{ field: 'termMonths', from: '12', to: '1' }]);
      await fx.handled(shortened);
      await fx.redeliver(shortened);
      // An older revision arriving late changes nothing.
      await fx.handled(await amend(2, [{ field: 'termMonths', from: null, to: '24' }]));
      expect(await recurringEnds()).toEqual(['2027-04-14', '2027-04-14']);
      const april = (await invoicesOf(deal.companyId)).find((invoice) => invoice.issuedOn === '2027-04-01');
      expect(april?.creditNotes.map((note) => [note.amount, note.reason])).toEqual([
        ['640.00', 'contract term shortened in PSA'],
      ]);
      // March and April were billed on 1 April; nothing is left for May.
      await fx.billingRun('2027-05-01');
      expect((await invoicesOf(deal.companyId)).map((invoice) => invoice.issuedOn)).toEqual(['2027-04-01']);
      expect((await contractsOf(deal.companyId))[0]?.contractId).toBe(contract.contractId);
    });

    it('flow 2: a PSA term that arrives before the deal is won bounds the contract once it is set up', async () => {
      const deal = wonDeal();
      const psa = await psaContractSigned(deal);
      await fx.handled(
        await fx.publishAs({
          type: 'psa.contract.amended',
          data: {
            ...psa,
            revision: 2,
            changes: [
              { field: 'startDate', from: null, to: '2027-03-31' },
              { field: 'termMonths', from: null, to: '11' },
            ],
            amendedBy: userId('grace@northwind.test'),
            amendedAt: deal.wonAt,
          },
        }),
      );
      const { contract } = await activeContract(deal);
      // From 31 March, eleven months end the day before 29 February 2028 (31 February clamped).
      expect(contract.lines.filter((line) => line.cadence !== 'one_off').map((line) => line.endsOn)).toEqual([
        '2028-02-28',
        '2028-02-28',
      ]);
    });

    it('manual invoices: a draft, finalized with the next number, credited by hand, or voided keeping its number', async () => {
      const { deal } = await activeContract();
      const create = (lines: unknown[], idempotencyKey = randomUUID()) =>
        olivia.mutate<InvoiceView>('invoices.create', {
          crmCompanyId: deal.companyId,
          currency: 'USD',
          lines,
          idempotencyKey,
        });
      const laptop = { itemCode: 'HW-LAPTOP', description: 'Laptop', quantity: 2, unitPrice: '999.995' };
      // Refused at the edge, naming the field, before any lookup.
      const unitPrice = await create([laptop]);
      expect(unitPrice.status).toBe(400);
      expect(unitPrice.message).toMatch(/"unitPrice"[\s\S]*expected an amount of 0 or more like/);
      const quantity = await create([{ ...laptop, unitPrice: '999.99', quantity: -1 }]);
      expect(quantity.status).toBe(400);
      expect(quantity.message).toMatch(/"quantity"[\s\S]*expected a quantity above 0/);
      expect(await create([{ ...laptop, unitPrice: '10.00', itemCode: 'UNMAPPED' }])).toMatchObject({
        status: 400,
        message: expect.stringMatching(/^lines\.0\.itemCode: UNMAPPED maps to no GL account/),
      });

      const key = randomUUID();
      const lines = [
        { ...laptop, unitPrice: '999.99' },
        { itemCode: 'ONBOARD', description: 'Setup', quantity: '1.5', unitPrice: '33.33' },
      ];
      const draft = await olivia.ok<InvoiceView>('invoices.create', {
        crmCompanyId: deal.companyId,
        currency: 'USD',
        lines,
        idempotencyKey: key,
      });
      // 2 × 999.99, and 1.5 × 33.33 = 49.995 rounded half away from zero on its line.
      expect(draft).toMatchObject({ status: 'draft', number: null, total: '2049.98', contractId: null });
      expect(draft.lines.map((line) => [line.amount, line.glAccountCode])).toEqual([
        ['1999.98', '4000'],
        ['50.00', '4000'],
      ]);
      expect(
        await olivia.ok<InvoiceView>('invoices.create', {
          crmCompanyId: deal.companyId,
          currency: 'USD',
          lines,
          idempotencyKey: key,
        }),
      ).toEqual(draft);

      const all = () => olivia.ok<InvoiceView[]>('invoices.list', {}, 'query');
      const lastNumber = Math.max(
        0,
        ...(await all()).map((invoice) => Number(invoice.number?.slice(4) ?? 0)),
      );
      const finalized = await olivia.ok<InvoiceView>('invoices.finalize', { invoiceId: draft.invoiceId });
      expect(finalized).toMatchObject({
        status: 'finalized',
        number: `INV-${String(lastNumber + 1).padStart(6, '0')}`,
      });
      expect(await olivia.ok('invoices.finalize', { invoiceId: draft.invoiceId })).toEqual(finalized);
      const announced = await received('books.invoice.finalized', draft.invoiceId);
      expect(announced.data).toMatchObject({ number: finalized.number, total: '2049.98', contractId: null });

      const credit = (amount: string, idempotencyKey = randomUUID()) =>
        olivia.mutate<InvoiceView>('invoices.credit', {
          invoiceId: draft.invoiceId,
          amount,
          reason: 'one laptop returned',
          idempotencyKey,
        });
      expect(await credit('2050.01')).toMatchObject({
        status: 400,
        message: 'amount: a credit note is above 0 and at most the 2049.98 USD still due, got 2050.01',
      });
      const creditKey = randomUUID();
      const credited = await credit('999.99', creditKey);
      expect(credited.data).toMatchObject({ credited: '999.99', outstanding: '1049.99' });
      expect((await credit('999.99', creditKey)).data).toEqual(credited.data);
      expect(credited.data.creditNotes).toHaveLength(1);
      expect(await olivia.mutate('invoices.void', { invoiceId: draft.invoiceId })).toMatchObject({
        status: 409,
        message: expect.stringMatching(/has payments or credit notes against it; issue a credit note/),
      });

      const mistaken = await olivia.ok<InvoiceView>('invoices.create', {
        crmCompanyId: deal.companyId,
        currency: 'USD',
        lines: [lines[1]],
        idempotencyKey: randomUUID(),
      });
      const issued = await olivia.ok<InvoiceView>('invoices.finalize', { invoiceId: mistaken.invoiceId });
      const voided = await olivia.ok<InvoiceView>('invoices.void', { invoiceId: mistaken.invoiceId });
      expect(voided).toMatchObject({ status: 'void', number: issued.number, outstanding: '0.00' });
      const numbers = (await all())
        .map((invoice) => Number(invoice.number?.slice(4)))
        .filter((number) => number > 0)
        .sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, index) => index + 1));
    });
  });
}
