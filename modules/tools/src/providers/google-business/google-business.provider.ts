import { z } from 'zod';
import { oauthTokenSet } from '../../vault/credential.schema';
import { oauthEndpoints } from '../oauth-settings';
import { defineProvider } from '../provider-definition';
import { bearer, type VendorMessages, vendorJson } from '../vendor-http';

const settings = z.object({
  location: z
    .string()
    .regex(
      /^accounts\/\d+\/locations\/\d+$/,
      'expected the location as accounts/<account id>/locations/<location id>',
    ),
  apiBaseUrl: z.url().default('https://mybusiness.googleapis.com'),
  ...oauthEndpoints,
});

const messages: VendorMessages = {
  vendor: 'Google Business Profile',
  auth: 'Google refused the authorization for Business Profile — connect Google Business again',
  rejected: (detail) => `Google Business Profile refused the post: ${detail}`,
  detail: (body) => (body as { error?: { message?: string } }).error?.message,
};

/** The Business Profile API (v4 localPosts) as documented, OAuth with the business.manage scope. */
export const googleBusinessProvider = defineProvider({
  id: 'google-business',
  name: 'Google Business Profile',
  authType: 'oauth',
  credentialKind: 'oauth_token',
  credential: oauthTokenSet,
  settings,
  whereToFind:
    'Google Cloud Console → Credentials: an OAuth client id and secret; the location from Business Profile Manager',
  oauth: {
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    scopes: ['https://www.googleapis.com/auth/business.manage'],
  },
  async verify({ credential, settings: { apiBaseUrl, location } }) {
    await vendorJson(
      `${apiBaseUrl}/v4/${location}/localPosts?pageSize=1`,
      { headers: bearer(credential.accessToken) },
      {
        ...messages,
        rejected: () => `Google can't find ${location}, or this Google account does not manage it`,
        rejectedField: 'settings.location',
      },
    );
  },
  tools: {
    async post_to_social({ credential, settings: { apiBaseUrl, location } }, input) {
      const post = await vendorJson<{ name: string; searchUrl?: string }>(
        `${apiBaseUrl}/v4/${location}/localPosts`,
        {
          method: 'POST',
          headers: { ...bearer(credential.accessToken), 'content-type': 'application/json' },
          body: JSON.stringify({
            languageCode: 'en',
            summary: input.text,
            topicType: 'STANDARD',
            ...(input.media_url && { media: [{ mediaFormat: 'PHOTO', sourceUrl: input.media_url }] }),
          }),
        },
        messages,
      );
      return { post_id: post.name, ...(post.searchUrl && { url: post.searchUrl }) };
    },
  },
});
