import { randomUUID } from 'node:crypto';
import { booksModule } from '@suite/books';
import { forOrg } from '@suite/db';
import {
  connect,
  KEYS,
  paymentIntentSucceeded,
  type StripeStandIn,
  startStripeStandIn,
  stripeDelivery,
} from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientPath, portalRequest } from '../../support/portal-client';
import { eventually, NORTHWIND } from '../../support/suite-fixture';
import {
  clientCompany,
  type Invoice,
  issuedInvoice,
  mapOnboardingIncome,
  type PortalWorld,
  signedInClient,
  startPortalWorld,
} from './portal-support';

let world: PortalWorld;
let stripe: StripeStandIn;
let url: string;
const HOST = 'pay-clients.portal.localhost';
const host = () => `${HOST}:${world.port}`;

interface Charge {
  readonly id: string;
  readonly amount: number;
  readonly currency: string;
  readonly metadata: { readonly reference?: string };
}

const call = (procedure: string, cookie: string, input?: unknown) =>
  portalRequest(url, host(), clientPath(procedure), { cookie, ...(input !== undefined && { body: input }) });
const dataOf = async <T>(answer: ReturnType<typeof call>) =>
  (await answer).json<{ result: { data: T } }>().result.data;
const fieldOf = async (answer: ReturnType<typeof call>) =>
  (await answer).json<{ error: { data: { field?: string } } }>().error.data.field;

let acme: { cookie: string; invoice: Invoice };
let initech: { cookie: string; invoice: Invoice };
let globexInvoice: Invoice;
const signingSecret = 'whsec_PortalPayNowStandInSecret01';

beforeAll(async () => {
  stripe = await startStripeStandIn();
  world = await startPortalWorld([], {}, [booksModule]);
  url = world.sut.suite.url;
  const { portalId } = (
    await world.staff.mutate<{ portalId: string }>('portals.create', {
      slug: 'pay-clients',
      name: 'Northwind IT',
      features: ['invoices'],
    })
  ).data;
  await mapOnboardingIncome(world.staff);
  const a = await clientCompany(world.staff, 'Acme Pay', 'buyer@acmepay.test');
  const b = await clientCompany(world.staff, 'Globex Pay', 'buyer@globexpay.test');
  const c = await clientCompany(world.staff, 'Initech Pay', 'buyer@initechpay.test');
  for (const email of ['buyer@acmepay.test', 'buyer@initechpay.test'])
    expect((await world.staff.mutate('users.invite', { portalId, email })).status).toBe(200);
  acme = {
    cookie: await signedInClient(world, HOST, 'buyer@acmepay.test'),
    invoice: await issuedInvoice(world.staff, a.companyId),
  };
  initech = {
    cookie: await signedInClient(world, HOST, 'buyer@initechpay.test'),
    invoice: await issuedInvoice(world.staff, c.companyId),
  };
  globexInvoice = await issuedInvoice(world.staff, b.companyId);
});
afterAll(async () => {
  await world?.close();
  await stripe?.close();
});

const pay = (attemptId: string, paymentMethod = 'tok_visa', invoiceId = acme.invoice.invoiceId) =>
  call('invoices.pay', acme.cookie, { invoiceId, attemptId, paymentMethod });

describe('Pay Now on portal invoices', () => {
  it('without a connected payment vendor there is no Pay Now, and paying answers 409', async () => {
    expect(await dataOf<{ payNow: boolean }>(call('invoices.payNow', acme.cookie))).toEqual({
      payNow: false,
    });
    const refused = await pay(randomUUID());
    expect(refused.status, refused.body).toBe(409);
    expect(refused.body).toContain('takes no card payments here yet');
    expect(stripe.effects).toEqual([]);
  });

  it('pays the invoice once through Stripe, however often the client presses and Stripe reports it', async () => {
    await connect(
      forOrg(world.sut.database.db.app, NORTHWIND),
      'stripe',
      { secretKey: KEYS.stripe },
      {
        apiBaseUrl: stripe.url,
      },
    );
    expect(await dataOf<{ payNow: boolean }>(call('invoices.payNow', acme.cookie))).toEqual({ payNow: true });

    const declined = await pay(randomUUID(), 'tok_chargeDeclined');
    expect(declined.status).toBe(400);
    expect(declined.body).toContain('Your card was declined');
    expect(await fieldOf(Promise.resolve(declined))).toBe('paymentMethod');

    const attemptId = randomUUID();
    const [first, second] = [await pay(attemptId), await pay(attemptId)];
    expect(first.status, first.body).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect(stripe.effects).toHaveLength(1);
    const charge = stripe.effects[0] as Charge;
    expect(charge).toMatchObject({
      amount: 48_025,
      currency: 'usd',
      metadata: { reference: `books-invoice:${acme.invoice.invoiceId}` },
    });

    // Stripe reports the charge to the webhook the tool layer gave, signed, and sends it again.
    const { webhookUrl } = await world.staff
      .on('tools')
      .ok<{ webhookUrl: string }>('connections.saveWebhookSecret', { provider: 'stripe', signingSecret });
    const delivery = stripeDelivery(signingSecret, {
      id: `evt_${randomUUID().replaceAll('-', '')}`,
      object: 'event',
      type: 'charge.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { object: charge },
    });
    for (let round = 0; round < 2; round++) {
      const posted = await fetch(`${url}${webhookUrl}`, { method: 'POST', ...delivery });
      expect(posted.status).toBeLessThan(300);
    }
    await eventually('the invoice paid', async () => {
      const invoices = await dataOf<Invoice[]>(call('invoices.list', acme.cookie));
      return invoices[0]?.status === 'paid' && invoices[0];
    });
    const payments = await world.sut.database.db.system.booksPayment.findMany({
      where: { idempotencyKey: `stripe:${charge.id}` },
    });
    expect(payments).toMatchObject([{ amountMinor: 48_025n }]);

    const again = await pay(randomUUID());
    expect(again.status).toBe(409);
    expect(stripe.effects).toHaveLength(1);
  });

  it("refuses another company's invoice as not found, and bad input naming the field", async () => {
    expect((await pay(randomUUID(), 'tok_visa', globexInvoice.invoiceId)).status).toBe(404);
    const otherCheckout = call('invoices.checkout', acme.cookie, {
      invoiceId: globexInvoice.invoiceId,
      attemptId: randomUUID(),
    });
    expect((await otherCheckout).status).toBe(404);
    expect(await fieldOf(pay(randomUUID(), ''))).toBe('paymentMethod');
    expect(
      await fieldOf(
        call('invoices.pay', acme.cookie, {
          invoiceId: 'INV-1',
          attemptId: randomUUID(),
          paymentMethod: 'tok_visa',
        }),
      ),
    ).toBe('invoiceId');
    expect(stripe.effects).toHaveLength(1);
  });

  it("pays through Stripe Checkout's hosted page: one session per attempt, the invoice paid once", async () => {
    const checkout = (attemptId: string) =>
      call('invoices.checkout', initech.cookie, { invoiceId: initech.invoice.invoiceId, attemptId });
    const attemptId = randomUUID();
    const first = await dataOf<{ checkoutUrl: string }>(checkout(attemptId));
    expect(await dataOf<{ checkoutUrl: string }>(checkout(attemptId))).toEqual(first);
    expect(first.checkoutUrl).toMatch(new RegExp(`^${stripe.url}/c/pay/cs_test_`));
    const sessions = stripe.effects.filter(
      (effect) => (effect as { object: string }).object === 'checkout.session',
    );
    expect(sessions).toEqual([
      expect.objectContaining({
        amount_total: 48_025,
        currency: 'usd',
        metadata: { reference: `books-invoice:${initech.invoice.invoiceId}` },
        success_url: `http://${host()}/invoices?paid=${initech.invoice.invoiceId}`,
        cancel_url: `http://${host()}/invoices`,
      }),
    ]);

    const { webhookUrl } = await world.staff
      .on('tools')
      .ok<{ webhookUrl: string }>('connections.saveWebhookSecret', { provider: 'stripe', signingSecret });
    stripe.checkout.webhook = { url: `${url}${webhookUrl}`, secret: signingSecret };
    const hosted = await fetch(first.checkoutUrl);
    expect(await hosted.text()).toContain('Pay 480.25 USD');
    // Paying on Stripe's page: Stripe posts `checkout.session.completed`, then sends the client back.
    const paid = await fetch(first.checkoutUrl, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://${host()}/invoices?paid=${initech.invoice.invoiceId}`);
    const session = sessions[0] as { payment_intent: string; amount_total: number; currency: string };
    // Stripe also reports the session's PaymentIntent: the same payment, not a second one.
    const intent = stripeDelivery(
      signingSecret,
      paymentIntentSucceeded(`evt_${randomUUID().replaceAll('-', '')}`, {
        intentId: session.payment_intent,
        amount: session.amount_total,
        currency: session.currency,
        reference: `books-invoice:${initech.invoice.invoiceId}`,
        created: Math.floor(Date.now() / 1000),
      }),
    );
    expect((await fetch(`${url}${webhookUrl}`, { method: 'POST', ...intent })).status).toBeLessThan(300);

    await eventually('the invoice paid', async () => {
      const invoices = await dataOf<Invoice[]>(call('invoices.list', initech.cookie));
      return invoices[0]?.status === 'paid' && invoices[0];
    });
    const payments = await world.sut.database.db.system.booksPayment.findMany({
      where: { idempotencyKey: `stripe:${session.payment_intent}` },
    });
    expect(payments).toMatchObject([{ amountMinor: 48_025n }]);
    const refused = await checkout(randomUUID());
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('with nothing to pay');
  });
});
