import { z } from 'zod';
import { defineProvider } from '../provider-definition';
import { VendorError } from '../vendor-error';
import { bearer, type VendorMessages, vendorJson } from '../vendor-http';

const credential = z.object({
  accessToken: z.string().regex(/^EAAA[A-Za-z0-9_-]{20,}$/, 'expected the production access token (EAAA…)'),
});
const settings = z.object({
  locationId: z.string().min(1, 'expected the location id payments are taken at'),
  apiBaseUrl: z.url().default('https://connect.squareup.com'),
});

interface SquareError {
  errors?: { code?: string; detail?: string; field?: string }[];
}

const messages: VendorMessages = {
  vendor: 'Square',
  auth: 'Square rejected the access token — copy the Production access token from Square Developer → Applications → Credentials',
  rejected: (detail) => `Square refused the payment: ${detail}`,
  authField: 'credential.accessToken',
  detail: (body) => (body as SquareError).errors?.[0]?.detail,
};

const headers = (token: string) => ({
  ...bearer(token),
  'square-version': '2025-10-16',
  'content-type': 'application/json',
});

/** Square's v2 REST API as documented (no SDK option reaches a loopback base URL reliably). */
export const squareProvider = defineProvider({
  id: 'square',
  name: 'Square',
  authType: 'api_key',
  credentialKind: 'api_key',
  credential,
  settings,
  whereToFind:
    'Square Developer → Applications → your app → Credentials: Production access token; the location id from Locations',
  async verify({ credential: { accessToken }, settings: { apiBaseUrl, locationId } }) {
    const { location } = await vendorJson<{ location: { status: string } }>(
      `${apiBaseUrl}/v2/locations/${encodeURIComponent(locationId)}`,
      { headers: headers(accessToken) },
      {
        ...messages,
        rejected: () => `Square can't find location id ${locationId} — Square Dashboard → Locations`,
        rejectedField: 'settings.locationId',
      },
    );
    if (location.status !== 'ACTIVE')
      throw new VendorError('rejected', `Square location ${locationId} is not active`, {
        field: 'settings.locationId',
      });
  },
  tools: {
    async charge_card(
      { credential: { accessToken }, settings: { apiBaseUrl, locationId }, idempotencyKey },
      input,
    ) {
      const { payment } = await vendorJson<{ payment: { id: string; status: string } }>(
        `${apiBaseUrl}/v2/payments`,
        {
          method: 'POST',
          headers: headers(accessToken),
          body: JSON.stringify({
            source_id: input.payment_method,
            idempotency_key: idempotencyKey,
            amount_money: { amount: input.amount, currency: input.currency.toUpperCase() },
            location_id: locationId,
            ...(input.description && { note: input.description }),
          }),
        },
        messages,
      );
      return { charge_id: payment.id, status: payment.status.toLowerCase() };
    },
  },
});
