import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stripeWebhook } from '../src/providers/stripe/stripe.webhook';

const chargeSucceeded = (paymentIntent: string | null) => ({
  connectionId: randomUUID(),
  provider: 'stripe',
  contentType: 'application/json',
  receivedAt: new Date(),
  body: JSON.stringify({
    id: 'evt_1',
    type: 'charge.succeeded',
    created: 1_800_000_000,
    data: {
      object: {
        id: 'ch_1',
        amount: 48_025,
        currency: 'usd',
        metadata: { reference: 'books-invoice:0b6f0a4e-8d3c-4f55-9a39-2d1c5e7f9a01' },
        payment_intent: paymentIntent,
      },
    },
  }),
});

describe("Stripe's charge.succeeded", () => {
  it('is a payment when the charge was made directly (charge_card), with its reference', async () => {
    expect(await stripeWebhook.normalise(chargeSucceeded(null))).toMatchObject([
      {
        type: 'tools.payment.succeeded',
        data: {
          paymentId: 'ch_1',
          amount: '480.25',
          currency: 'USD',
          reference: 'books-invoice:0b6f0a4e-8d3c-4f55-9a39-2d1c5e7f9a01',
        },
      },
    ]);
  });

  it("is nothing for a PaymentIntent's charge: payment_intent.succeeded reports that payment once", async () => {
    expect(await stripeWebhook.normalise(chargeSucceeded('pi_1'))).toEqual([]);
  });
});

const sessionCompleted = (paymentStatus: 'paid' | 'unpaid') => ({
  ...chargeSucceeded(null),
  body: JSON.stringify({
    id: 'evt_2',
    type: 'checkout.session.completed',
    created: 1_800_000_000,
    data: {
      object: {
        id: 'cs_test_1',
        object: 'checkout.session',
        amount_total: 48_025,
        currency: 'usd',
        payment_status: paymentStatus,
        payment_intent: 'pi_1',
        metadata: { reference: 'books-invoice:0b6f0a4e-8d3c-4f55-9a39-2d1c5e7f9a01' },
      },
    },
  }),
});

describe("Stripe's checkout.session.completed", () => {
  it("is a payment under its PaymentIntent's id, which payment_intent.succeeded reports too", async () => {
    expect(await stripeWebhook.normalise(sessionCompleted('paid'))).toMatchObject([
      {
        type: 'tools.payment.succeeded',
        data: {
          paymentId: 'pi_1',
          amount: '480.25',
          currency: 'USD',
          reference: 'books-invoice:0b6f0a4e-8d3c-4f55-9a39-2d1c5e7f9a01',
        },
      },
    ]);
  });

  it('is nothing while the payment is still unpaid (a delayed method)', async () => {
    expect(await stripeWebhook.normalise(sessionCompleted('unpaid'))).toEqual([]);
  });
});
