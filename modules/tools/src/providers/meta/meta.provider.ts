import { z } from 'zod';
import { oauthTokenSet } from '../../vault/credential.schema';
import { oauthEndpoints } from '../oauth-settings';
import { defineProvider } from '../provider-definition';
import { type VendorMessages, vendorJson } from '../vendor-http';

const settings = z.object({
  pageId: z
    .string()
    .regex(/^\d+$/, 'expected the numeric Facebook Page id (Page → About → Page transparency)'),
  apiBaseUrl: z.url().default('https://graph.facebook.com/v21.0'),
  ...oauthEndpoints,
});

interface GraphError {
  error?: { message?: string; code?: number };
}

const messages: VendorMessages = {
  vendor: 'Meta',
  auth: 'Meta refused the access token (expired or the page permission was removed) — connect Facebook again',
  rejected: (detail) => `Meta refused the post: ${detail}`,
  detail: (body) => (body as GraphError).error?.message,
};

/** The Graph API as documented: bearer page token, a post to the page's feed. */
export const metaProvider = defineProvider({
  id: 'meta',
  name: 'Meta (Facebook Page)',
  authType: 'oauth',
  credentialKind: 'oauth_token',
  credential: oauthTokenSet,
  settings,
  whereToFind: 'Meta for Developers → your app: App ID and App Secret; the Page id of the page to post to',
  oauth: {
    authorizeUrl: 'https://www.facebook.com/v21.0/dialog/oauth',
    tokenUrl: 'https://graph.facebook.com/v21.0/oauth/access_token',
    scopes: ['pages_manage_posts', 'pages_read_engagement'],
  },
  async verify({ credential, settings: { apiBaseUrl, pageId } }) {
    await vendorJson(
      `${apiBaseUrl}/${pageId}?fields=id,name`,
      { headers: { authorization: `Bearer ${credential.accessToken}` } },
      {
        ...messages,
        rejected: () => `Meta can't find Page ${pageId}, or the token cannot manage it`,
        rejectedField: 'settings.pageId',
      },
    );
  },
  tools: {
    async post_to_social({ credential, settings: { apiBaseUrl, pageId } }, input) {
      const post = await vendorJson<{ id: string }>(
        `${apiBaseUrl}/${pageId}/feed`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${credential.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ message: input.text, ...(input.media_url && { link: input.media_url }) }),
        },
        messages,
      );
      return { post_id: post.id, url: `https://www.facebook.com/${post.id}` };
    },
  },
});
