import { z } from 'zod';
import { oauthTokenSet } from '../../vault/credential.schema';
import { oauthEndpoints } from '../oauth-settings';
import { defineProvider } from '../provider-definition';
import { bearer, type VendorMessages, vendorJson } from '../vendor-http';

export const hubspotSettings = z.object({
  apiBaseUrl: z.url().default('https://api.hubapi.com'),
  /** The HubSpot account (Hub ID): record links point into it when given. */
  portalId: z.string().regex(/^\d+$/, 'expected the Hub ID: digits, top right of HubSpot').optional(),
  ...oauthEndpoints,
});
export type HubspotSettings = z.infer<typeof hubspotSettings>;

export const hubspotMessages: VendorMessages = {
  vendor: 'HubSpot',
  auth: 'HubSpot refused the authorization — connect HubSpot again and grant the CRM contacts and companies scopes',
  rejected: (detail) => `HubSpot refused the request: ${detail}`,
  detail: hubspotDetail,
};

/** HubSpot's message, with a validation error's JSON list reduced to its own sentences. */
function hubspotDetail(body: unknown): string | undefined {
  const message = (body as { message?: string }).message;
  const invalid = message?.match(/Property \\?"[^"\\]+\\?" does not exist/g);
  return invalid ? invalid.map((sentence) => sentence.replaceAll('\\', '')).join('; ') : message;
}

/** HubSpot as a CRM (docs/decisions/0112): OAuth with the org's own app; the CRM v3 objects API. */
export const hubspotProvider = defineProvider({
  id: 'hubspot',
  name: 'HubSpot',
  authType: 'oauth',
  credentialKind: 'oauth_token',
  credential: oauthTokenSet,
  settings: hubspotSettings,
  whereToFind:
    'HubSpot developer account → Apps → your app → Auth: the client id and secret; the Hub ID for record links',
  oauth: {
    authorizeUrl: 'https://app.hubspot.com/oauth/authorize',
    tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
    scopes: [
      'crm.objects.contacts.read',
      'crm.objects.contacts.write',
      'crm.objects.companies.read',
      'crm.objects.companies.write',
    ],
  },
  async verify({ credential, settings: { apiBaseUrl } }) {
    await vendorJson(
      `${apiBaseUrl}/crm/v3/objects/contacts?limit=1`,
      { headers: bearer(credential.accessToken) },
      hubspotMessages,
    );
  },
  tools: {},
});
