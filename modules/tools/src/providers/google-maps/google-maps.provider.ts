import { z } from 'zod';
import { defineProvider } from '../provider-definition';
import { VendorError, vendorText } from '../vendor-error';
import { type VendorMessages, vendorJson } from '../vendor-http';

const credential = z.object({
  apiKey: z.string().regex(/^AIza[0-9A-Za-z_-]{35}$/, 'expected a Google API key (AIza…, 39 characters)'),
});
const settings = z.object({ apiBaseUrl: z.url().default('https://maps.googleapis.com') });

interface GeocodeAnswer {
  status: string;
  error_message?: string;
  results: { formatted_address: string; geometry: { location: { lat: number; lng: number } } }[];
}

const messages: VendorMessages = {
  vendor: 'Google Maps',
  auth: 'Google Maps rejected the API key',
  authField: 'credential.apiKey',
  rejected: (detail) => `Google Maps refused the request: ${detail}`,
  detail: (body) => (body as GeocodeAnswer).error_message,
};

/** Google answers errors with HTTP 200 and a status field; these are its documented statuses. */
function checked(answer: GeocodeAnswer): GeocodeAnswer {
  switch (answer.status) {
    case 'OK':
    case 'ZERO_RESULTS':
      return answer;
    case 'REQUEST_DENIED':
      throw new VendorError(
        'auth',
        `Google Maps rejected the API key (${vendorText(answer.error_message)}) — enable the Geocoding API for the key's project in Google Cloud Console`,
        { field: 'credential.apiKey' },
      );
    case 'OVER_QUERY_LIMIT':
    case 'OVER_DAILY_LIMIT':
      throw new VendorError('rate_limited', 'Google Maps quota is used up for now; try again shortly', {
        retryAfterSeconds: 60,
      });
    case 'INVALID_REQUEST':
      throw new VendorError('rejected', 'Google Maps could not read the address', { field: 'address' });
    default:
      throw new VendorError('unavailable', `Google Maps answered ${answer.status}; try again later`);
  }
}

function geocode(apiKey: string, apiBaseUrl: string, address: string): Promise<GeocodeAnswer> {
  const query = new URLSearchParams({ address, key: apiKey });
  return vendorJson<GeocodeAnswer>(`${apiBaseUrl}/maps/api/geocode/json?${query}`, {}, messages).then(
    checked,
  );
}

/** The Geocoding API as documented (the key travels as the `key` query parameter). */
export const googleMapsProvider = defineProvider({
  id: 'google-maps',
  name: 'Google Maps',
  authType: 'api_key',
  credentialKind: 'api_key',
  credential,
  settings,
  whereToFind:
    'Google Cloud Console → APIs & Services → Credentials: an API key with the Geocoding API enabled',
  async verify({ credential: { apiKey }, settings: { apiBaseUrl } }) {
    await geocode(apiKey, apiBaseUrl, '1600 Amphitheatre Parkway, Mountain View, CA');
  },
  tools: {
    async geocode_address({ credential: { apiKey }, settings: { apiBaseUrl } }, input) {
      const [best] = (await geocode(apiKey, apiBaseUrl, input.address)).results;
      if (!best)
        throw new VendorError('rejected', `Google Maps found no place for "${input.address}"`, {
          field: 'address',
        });
      return { ...best.geometry.location, formatted_address: best.formatted_address };
    },
  },
});
