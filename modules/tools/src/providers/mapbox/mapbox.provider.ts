import { z } from 'zod';
import { defineProvider } from '../provider-definition';
import { VendorError } from '../vendor-error';
import { type VendorMessages, vendorJson } from '../vendor-http';

const credential = z.object({
  accessToken: z
    .string()
    .regex(/^[ps]k\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'expected a Mapbox access token (pk.… or sk.…)'),
});
const settings = z.object({ apiBaseUrl: z.url().default('https://api.mapbox.com') });

const messages: VendorMessages = {
  vendor: 'Mapbox',
  auth: 'Mapbox rejected the access token — copy it from Mapbox → Account → Tokens; it needs the geocoding scope',
  authField: 'credential.accessToken',
  rejected: (detail) => `Mapbox refused the request: ${detail}`,
  detail: (body) => (body as { message?: string }).message,
};

interface Features {
  features: {
    geometry: { coordinates: [number, number] };
    properties: { full_address?: string; name?: string };
  }[];
}

/** Mapbox's Geocoding v6 and Tokens v2 APIs as documented (`access_token` query parameter). */
export const mapboxProvider = defineProvider({
  id: 'mapbox',
  name: 'Mapbox',
  authType: 'api_key',
  credentialKind: 'api_key',
  credential,
  settings,
  whereToFind: 'Mapbox → Account → Tokens: the default public token or a secret token with geocoding',
  async verify({ credential: { accessToken }, settings: { apiBaseUrl } }) {
    const { code } = await vendorJson<{ code: string }>(
      `${apiBaseUrl}/tokens/v2?${new URLSearchParams({ access_token: accessToken })}`,
      {},
      messages,
    );
    if (code !== 'TokenValid')
      throw new VendorError(
        'auth',
        `Mapbox says the token is ${code} — create a new one under Account → Tokens`,
        {
          field: 'credential.accessToken',
        },
      );
  },
  tools: {
    async geocode_address({ credential: { accessToken }, settings: { apiBaseUrl } }, input) {
      const query = new URLSearchParams({ q: input.address, limit: '1', access_token: accessToken });
      const { features } = await vendorJson<Features>(
        `${apiBaseUrl}/search/geocode/v6/forward?${query}`,
        {},
        messages,
      );
      const [best] = features;
      if (!best)
        throw new VendorError('rejected', `Mapbox found no place for "${input.address}"`, {
          field: 'address',
        });
      const [lng, lat] = best.geometry.coordinates;
      return {
        lat,
        lng,
        formatted_address: best.properties.full_address ?? best.properties.name ?? input.address,
      };
    },
  },
});
