import { randomBytes } from 'node:crypto';
import { stripeDelivery } from '../vendor-webhooks';
import type { StandInReply, StandInRequest, StandInRoute } from './stand-in-server';

/** Where Stripe posts this account's events, and the signing secret (`whsec_…`) it signs them with. */
export interface StripeWebhookTarget {
  readonly url: string;
  readonly secret: string;
}

export interface CheckoutState {
  webhook?: StripeWebhookTarget | undefined;
}

interface Session {
  readonly id: string;
  readonly object: 'checkout.session';
  url: string;
  status: 'open' | 'complete';
  payment_status: 'unpaid' | 'paid';
  payment_intent: string | null;
  readonly amount_total: number;
  readonly currency: string;
  readonly client_reference_id: string | null;
  readonly metadata: { reference?: string };
  readonly success_url: string;
  readonly cancel_url: string;
  readonly description: string;
}

const id = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;
const htmlText = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function sessionOf(request: StandInRequest, base: string): Session {
  const field = (name: string) => {
    const value = request.fields[name];
    return typeof value === 'string' ? value : undefined;
  };
  const sessionId = id('cs_test_');
  return {
    id: sessionId,
    object: 'checkout.session',
    url: `${base}/c/pay/${sessionId}`,
    status: 'open',
    payment_status: 'unpaid',
    payment_intent: null,
    amount_total: Number(field('line_items[0][price_data][unit_amount]')),
    currency: field('line_items[0][price_data][currency]') ?? '',
    client_reference_id: field('client_reference_id') ?? null,
    metadata: { reference: field('metadata[reference]') },
    success_url: field('success_url') ?? '',
    cancel_url: field('cancel_url') ?? '',
    description: field('line_items[0][price_data][product_data][name]') ?? '',
  };
}

function page(session: Session): StandInReply {
  const amount = `${(session.amount_total / 100).toFixed(2)} ${session.currency.toUpperCase()}`;
  const html = `<!doctype html><html><head><title>Stripe Checkout</title></head><body>
<main><h1>Pay ${htmlText(amount)}</h1><p>${htmlText(session.description)}</p>
<form method="post" action="/c/pay/${session.id}"><button type="submit">Pay ${htmlText(amount)}</button></form>
<a href="${htmlText(session.cancel_url)}">Back</a></main></body></html>`;
  return { status: 200, body: Buffer.from(html), headers: { 'content-type': 'text/html; charset=utf-8' } };
}

/**
 * Stripe Checkout: `POST /v1/checkout/sessions` (form body, `Idempotency-Key` replays, `xts`, ISO's test
 * currency, refused as Stripe refuses currencies it does not take) and the hosted
 * page it points the payer at. Paying there completes the session, posts a signed
 * `checkout.session.completed` to the account's webhook, then sends the payer to the success URL.
 */
export function checkoutRoutes(
  state: CheckoutState,
  effects: unknown[],
  /** The account's answer before any route's own: a bad key, or an outage the test asked for. */
  authorised: (request: StandInRequest) => StandInReply | undefined,
  base: () => string,
): Record<string, StandInRoute> {
  const byKey = new Map<string, Session>();
  const byId = new Map<string, Session>();
  return {
    'POST /v1/checkout/sessions': (request) => {
      const refused = authorised(request);
      if (refused) return refused;
      if (request.fields['line_items[0][price_data][currency]'] === 'xts')
        return {
          status: 400,
          body: {
            error: {
              type: 'invalid_request_error',
              message: 'Invalid currency: xts. Stripe currently supports these currencies: usd, eur, …',
              param: 'line_items[0][price_data][currency]',
            },
          },
        };
      const key = String(request.headers['idempotency-key'] ?? id('none-'));
      const session = byKey.get(key) ?? sessionOf(request, base());
      if (!byKey.has(key)) effects.push(session);
      byKey.set(key, session);
      byId.set(session.id, session);
      return { status: 200, body: session };
    },
    'GET /c/pay/(cs_test_[0-9a-f]+)': (_request, [, sessionId]) => {
      const session = byId.get(String(sessionId));
      return session ? page(session) : { status: 404, body: { error: 'no such Checkout Session' } };
    },
    'POST /c/pay/(cs_test_[0-9a-f]+)': async (_request, [, sessionId]) => {
      const session = byId.get(String(sessionId));
      if (!session) return { status: 404, body: { error: 'no such Checkout Session' } };
      if (session.status === 'open') {
        const paid: Session = {
          ...session,
          status: 'complete',
          payment_status: 'paid',
          payment_intent: id('pi_'),
        };
        const failed = await deliver(state.webhook, paid).then(
          () => undefined,
          (error: Error) => error.message,
        );
        if (failed) return { status: 502, body: { error: failed } };
        Object.assign(session, paid);
      }
      const next = session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id);
      return { status: 303, headers: { location: next } };
    },
  };
}

async function deliver(webhook: StripeWebhookTarget | undefined, session: Session): Promise<void> {
  if (!webhook) return;
  const delivery = stripeDelivery(webhook.secret, {
    id: id('evt_'),
    object: 'event',
    type: 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000),
    data: { object: session },
  });
  const answer = await fetch(webhook.url, { method: 'POST', ...delivery });
  if (!answer.ok) throw new Error(`the webhook answered ${answer.status}: ${await answer.text()}`);
}
