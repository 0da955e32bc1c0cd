import { z } from 'zod';
import { oauthTokenSet } from '../../vault/credential.schema';
import { oauthEndpoints } from '../oauth-settings';
import { defineProvider } from '../provider-definition';
import { VendorError } from '../vendor-error';
import { bearer, type VendorMessages, vendorJson } from '../vendor-http';

const settings = z.object({
  apiBaseUrl: z.url().default('https://www.googleapis.com'),
  privacyStatus: z.enum(['public', 'unlisted', 'private']).default('public'),
  ...oauthEndpoints,
});

const messages: VendorMessages = {
  vendor: 'YouTube',
  auth: 'Google refused the authorization for YouTube — connect YouTube again with the upload permission',
  rejected: (detail) => `YouTube refused the upload: ${detail}`,
  detail: (body) => (body as { error?: { message?: string } }).error?.message,
};

async function download(url: string): Promise<Blob> {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) }).catch(() => undefined);
  if (!response?.ok)
    throw new VendorError('rejected', `the video at media_url could not be downloaded`, {
      field: 'media_url',
    });
  return response.blob();
}

/** YouTube Data API v3 as documented: a multipart upload of the video with its snippet. */
export const youtubeProvider = defineProvider({
  id: 'youtube',
  name: 'YouTube',
  authType: 'oauth',
  credentialKind: 'oauth_token',
  credential: oauthTokenSet,
  settings,
  whereToFind:
    'Google Cloud Console → Credentials: an OAuth client id and secret with the YouTube Data API enabled',
  oauth: {
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    scopes: [
      'https://www.googleapis.com/auth/youtube.upload',
      'https://www.googleapis.com/auth/youtube.readonly',
    ],
  },
  async verify({ credential, settings: { apiBaseUrl } }) {
    const { items } = await vendorJson<{ items?: unknown[] }>(
      `${apiBaseUrl}/youtube/v3/channels?part=id&mine=true`,
      { headers: bearer(credential.accessToken) },
      messages,
    );
    if (!items?.length)
      throw new VendorError(
        'auth',
        'this Google account has no YouTube channel — create one, then connect again',
      );
  },
  tools: {
    async post_to_social({ credential, settings: { apiBaseUrl, privacyStatus } }, input) {
      if (!input.media_url)
        throw new VendorError('rejected', 'YouTube posts are videos: give media_url', { field: 'media_url' });
      const video = await download(input.media_url);
      const [title = input.text] = input.text.split('\n');
      const form = new FormData();
      form.append(
        'metadata',
        new Blob(
          [
            JSON.stringify({
              snippet: { title: title.slice(0, 100), description: input.text },
              status: { privacyStatus },
            }),
          ],
          {
            type: 'application/json',
          },
        ),
      );
      form.append('video', video);
      const uploaded = await vendorJson<{ id: string }>(
        `${apiBaseUrl}/upload/youtube/v3/videos?uploadType=multipart&part=snippet,status`,
        { method: 'POST', headers: bearer(credential.accessToken), body: form },
        messages,
      );
      return { post_id: uploaded.id, url: `https://www.youtube.com/watch?v=${uploaded.id}` };
    },
  },
});
