import Stripe from 'stripe';
import { defineInboundWebhook, type InboundEvent, WebhookRefusal } from '../../webhooks/inbound-webhook';
import { headerOf } from '../../webhooks/signature';

/** Stripe's own replay window, the SDK's default: an older timestamp is refused. */
export const STRIPE_TOLERANCE_SECONDS = 300;

// Currencies Stripe counts in whole units (https://docs.stripe.com/currencies#zero-decimal).
const ZERO_DECIMAL = new Set('bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' '));

interface PaymentIntent {
  readonly id: string;
  readonly amount: number;
  readonly amount_received?: number;
  readonly currency: string;
  readonly metadata?: Record<string, string>;
  /** On a charge: the PaymentIntent it belongs to, whose own event reports the payment. */
  readonly payment_intent?: string | null;
}

// Three fraction digits do not fit the suite's money (two); such a delivery fails and waits for replay.
const THREE_DECIMAL = new Set('bhd jod kwd omr tnd'.split(' '));

function decimalAmount(minor: number, currency: string): string {
  if (ZERO_DECIMAL.has(currency)) return String(minor);
  if (THREE_DECIMAL.has(currency))
    throw new Error(
      `Stripe payment in ${currency.toUpperCase()}: three-decimal currencies are not supported`,
    );
  return `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

/** Stripe signs `timestamp.body` into `Stripe-Signature`; the official SDK checks it and the tolerance. */
export const stripeWebhook = defineInboundWebhook({
  provider: 'stripe',
  secret: { kind: 'webhook_secret' },
  async verify({ headers, rawBody }, secret) {
    const header = headerOf(headers, 'stripe-signature');
    if (!header) throw new WebhookRefusal(400, 'the Stripe-Signature header is missing');
    try {
      const event = Stripe.webhooks.constructEvent(rawBody, header, secret, STRIPE_TOLERANCE_SECONDS);
      return { eventId: event.id };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError)
        throw new WebhookRefusal(
          401,
          /tolerance/i.test(error.message)
            ? `Stripe-Signature timestamp is more than ${STRIPE_TOLERANCE_SECONDS} s old (a replay?)`
            : 'Stripe-Signature does not match; check the signing secret (whsec_…) saved for this connection',
        );
      throw new WebhookRefusal(400, 'the Stripe webhook body is not a Stripe event');
    }
  },
  async normalise({ connectionId, provider, body }) {
    const event = JSON.parse(body) as { type: string; created: number; data: { object: PaymentIntent } };
    const intent = event.data.object;
    // A direct charge (`charge_card`) has no PaymentIntent; a PaymentIntent's charges are reported by it.
    const directCharge = event.type === 'charge.succeeded' && !intent.payment_intent;
    if (event.type !== 'payment_intent.succeeded' && !directCharge) return [];
    const payment: InboundEvent = {
      type: 'tools.payment.succeeded',
      data: {
        connectionId,
        provider,
        paymentId: intent.id,
        amount: decimalAmount(intent.amount_received ?? intent.amount, intent.currency.toLowerCase()),
        currency: intent.currency.toUpperCase(),
        reference: intent.metadata?.reference ?? null,
        paidAt: new Date(event.created * 1000).toISOString(),
      },
    };
    return [payment];
  },
});
