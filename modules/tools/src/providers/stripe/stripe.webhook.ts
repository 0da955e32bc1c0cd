import Stripe from 'stripe';
import { defineInboundWebhook, type InboundEvent, WebhookRefusal } from '../../webhooks/inbound-webhook';
import { headerOf } from '../../webhooks/signature';

/** Stripe's own replay window, the SDK's default: an older timestamp is refused. */
export const STRIPE_TOLERANCE_SECONDS = 300;

// Currencies Stripe counts in whole units (https://docs.stripe.com/currencies#zero-decimal).
const ZERO_DECIMAL = new Set('bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' '));

/** The fields the suite reads of a PaymentIntent, a Charge or a Checkout Session. */
interface Payment {
  readonly id: string;
  readonly amount?: number;
  readonly amount_received?: number;
  /** On a Checkout Session. */
  readonly amount_total?: number;
  readonly payment_status?: string;
  readonly currency: string;
  readonly metadata?: Record<string, string>;
  /** On a charge or a session: the PaymentIntent it belongs to. */
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

/**
 * The payment a Stripe event reports, if any: a PaymentIntent that succeeded, a direct charge
 * (`charge_card`, no PaymentIntent; an intent's charges are reported by the intent), or a paid Checkout
 * Session. A session names its PaymentIntent's id as the payment, so Books counts the session's
 * `checkout.session.completed` and the intent's `payment_intent.succeeded` as one payment.
 */
function paymentOf(type: string, object: Payment) {
  const reference = object.metadata?.reference ?? null;
  const currency = object.currency.toLowerCase();
  if (type === 'checkout.session.completed') {
    if (object.payment_status !== 'paid') return undefined;
    const amount = decimalAmount(object.amount_total ?? 0, currency);
    return {
      paymentId: object.payment_intent ?? object.id,
      amount,
      currency: currency.toUpperCase(),
      reference,
    };
  }
  const directCharge = type === 'charge.succeeded' && !object.payment_intent;
  if (type !== 'payment_intent.succeeded' && !directCharge) return undefined;
  const amount = decimalAmount(object.amount_received ?? object.amount ?? 0, currency);
  return { paymentId: object.id, amount, currency: currency.toUpperCase(), reference };
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
    const event = JSON.parse(body) as { type: string; created: number; data: { object: Payment } };
    const paid = paymentOf(event.type, event.data.object);
    if (!paid) return [];
    const payment: InboundEvent = {
      type: 'tools.payment.succeeded',
      data: {
        connectionId,
        provider,
        ...paid,
        paidAt: new Date(event.created * 1000).toISOString(),
      },
    };
    return [payment];
  },
});
