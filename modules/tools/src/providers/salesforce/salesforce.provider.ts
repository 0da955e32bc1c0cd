import { z } from 'zod';
import { oauthTokenSet } from '../../vault/credential.schema';
import { oauthEndpoints } from '../oauth-settings';
import { defineProvider } from '../provider-definition';
import { bearer, type VendorMessages, vendorJson } from '../vendor-http';

/** Where a Salesforce user signs in: sandboxes have their own login host. */
const LOGIN_HOSTS = {
  production: 'https://login.salesforce.com',
  sandbox: 'https://test.salesforce.com',
} as const;

export const salesforceSettings = z
  .object({
    instanceUrl: z.url().describe('The org’s My Domain URL, e.g. https://acme.my.salesforce.com'),
    environment: z.enum(['production', 'sandbox']).default('production'),
    apiVersion: z
      .string()
      .regex(/^v\d{2,3}\.0$/, 'expected an API version such as v62.0')
      .default('v62.0'),
    ...oauthEndpoints,
  })
  .transform((settings) => ({
    ...settings,
    authorizeUrl: settings.authorizeUrl ?? `${LOGIN_HOSTS[settings.environment]}/services/oauth2/authorize`,
    tokenUrl: settings.tokenUrl ?? `${LOGIN_HOSTS[settings.environment]}/services/oauth2/token`,
  }));
export type SalesforceSettings = z.infer<typeof salesforceSettings>;

/** Salesforce answers errors as a list of `{ message, errorCode, fields }`. */
function salesforceDetail(body: unknown): string | undefined {
  const [first] = Array.isArray(body) ? (body as { message?: string; errorCode?: string }[]) : [];
  return first && `${first.errorCode ?? 'ERROR'}: ${first.message ?? ''}`;
}

export const salesforceMessages: VendorMessages = {
  vendor: 'Salesforce',
  auth: 'Salesforce refused the session — connect Salesforce again (check production vs sandbox)',
  rejected: (detail) => `Salesforce refused the request: ${detail}`,
  detail: salesforceDetail,
};

export const dataUrl = ({ instanceUrl, apiVersion }: SalesforceSettings) =>
  `${instanceUrl.replace(/\/$/, '')}/services/data/${apiVersion}`;

/** Salesforce as a CRM (docs/decisions/0112): OAuth with the org's connected app, the REST sObjects API. */
export const salesforceProvider = defineProvider({
  id: 'salesforce',
  name: 'Salesforce',
  authType: 'oauth',
  credentialKind: 'oauth_token',
  credential: oauthTokenSet,
  settings: salesforceSettings,
  whereToFind:
    'Salesforce Setup → App Manager → your connected app: the consumer key and secret; My Domain for the instance URL',
  oauth: {
    authorizeUrl: `${LOGIN_HOSTS.production}/services/oauth2/authorize`,
    tokenUrl: `${LOGIN_HOSTS.production}/services/oauth2/token`,
    scopes: ['api', 'refresh_token'],
  },
  async verify({ credential, settings }) {
    await vendorJson(
      `${dataUrl(settings)}/limits`,
      { headers: bearer(credential.accessToken) },
      {
        ...salesforceMessages,
        rejected: (detail) =>
          `Salesforce did not answer at ${settings.instanceUrl} (${detail}) — check the instance URL`,
        rejectedField: 'settings.instanceUrl',
      },
    );
  },
  tools: {},
});
