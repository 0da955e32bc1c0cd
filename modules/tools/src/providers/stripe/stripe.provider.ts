import Stripe from 'stripe';
import { z } from 'zod';
import { defineProvider, type VendorCall } from '../provider-definition';
import { VendorError, vendorText } from '../vendor-error';

const credential = z.object({
  secretKey: z
    .string()
    .regex(
      /^(sk|rk)_(live|test)_[A-Za-z0-9]{10,}$/,
      'expected a secret key: sk_live_… (or a restricted rk_live_…)',
    ),
});
const settings = z.object({ apiBaseUrl: z.url().default('https://api.stripe.com') });
type Call = VendorCall<z.infer<typeof credential>, z.infer<typeof settings>>;

/** The official SDK pointed at the settings' API base; it sends the call's Idempotency-Key itself. */
function client({ credential: { secretKey }, settings: { apiBaseUrl } }: Call): Stripe {
  const base = new URL(apiBaseUrl);
  return new Stripe(secretKey, {
    host: base.hostname,
    port: Number(base.port) || (base.protocol === 'https:' ? 443 : 80),
    protocol: base.protocol === 'https:' ? 'https' : 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  });
}

// Stripe names the form parameter it refused; the call's result names the tool input it came from.
const INPUT_OF_PARAM: Record<string, string> = {
  source: 'payment_method',
  'line_items[0][price_data][currency]': 'currency',
  'line_items[0][price_data][unit_amount]': 'amount',
};

function failure(error: unknown, what = 'the charge'): VendorError {
  if (!(error instanceof Stripe.errors.StripeError))
    return new VendorError('unavailable', 'Stripe could not be reached; try again later');
  const status = error.statusCode ?? 0;
  if (error instanceof Stripe.errors.StripeAuthenticationError || status === 401)
    return new VendorError(
      'auth',
      'Stripe rejected the secret key — copy the live Secret key (sk_live_…) from Stripe Dashboard → Developers → API keys',
      {
        field: 'credential.secretKey',
        status,
      },
    );
  if (error instanceof Stripe.errors.StripePermissionError || status === 403)
    return new VendorError(
      'auth',
      'Stripe says this restricted key may not create charges — give it Charges: write',
      {
        field: 'credential.secretKey',
        status,
      },
    );
  if (error instanceof Stripe.errors.StripeRateLimitError || status === 429)
    return new VendorError('rate_limited', 'Stripe is rate limiting this account; try again shortly', {
      status,
      retryAfterSeconds: 1,
    });
  if (status >= 500)
    return new VendorError(
      'unavailable',
      `Stripe is not answering properly (HTTP ${status}); try again later`,
      { status },
    );
  return new VendorError('rejected', `Stripe refused ${what}: ${vendorText(error.message)}`, {
    status,
    ...(error.param && { field: INPUT_OF_PARAM[error.param] ?? error.param }),
  });
}

export const stripeProvider = defineProvider({
  id: 'stripe',
  name: 'Stripe',
  authType: 'api_key',
  credentialKind: 'api_key',
  credential,
  settings,
  whereToFind:
    'Stripe Dashboard → Developers → API keys: the Secret key (sk_live_…), or a restricted key with Charges: write and Checkout Sessions: write',
  async verify(call) {
    await client(call)
      .balance.retrieve()
      .catch((error: unknown) => {
        throw failure(error);
      });
  },
  tools: {
    async charge_card(call, input) {
      const charge = await client(call)
        .charges.create(
          {
            amount: input.amount,
            currency: input.currency,
            source: input.payment_method,
            ...(input.description && { description: input.description }),
            ...(input.reference && { metadata: { reference: input.reference } }),
          },
          { idempotencyKey: call.idempotencyKey },
        )
        .catch((error: unknown) => {
          throw failure(error);
        });
      return { charge_id: charge.id, status: charge.status };
    },
    /** A hosted Checkout page (PCI SAQ-A: the card is typed on Stripe's page, never on ours). */
    async create_checkout(call, input) {
      const reference = { reference: input.reference };
      const session = await client(call)
        .checkout.sessions.create(
          {
            mode: 'payment',
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: input.currency,
                  unit_amount: input.amount,
                  product_data: { name: input.description },
                },
              },
            ],
            success_url: input.success_url,
            cancel_url: input.cancel_url,
            client_reference_id: input.reference,
            metadata: reference,
            payment_intent_data: { metadata: reference },
            ...(input.customer_email && { customer_email: input.customer_email }),
          },
          { idempotencyKey: call.idempotencyKey },
        )
        .catch((error: unknown) => {
          throw failure(error, 'the checkout');
        });
      if (!session.url)
        throw new VendorError('unavailable', 'Stripe made a Checkout Session without a page URL');
      return { checkout_id: session.id, url: session.url, status: session.status ?? 'open' };
    },
  },
});
