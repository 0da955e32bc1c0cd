import { z } from 'zod';
import { defineProvider } from '../provider-definition';
import { VendorError } from '../vendor-error';
import { bearer, type VendorMessages, vendorJson, vendorRequest } from '../vendor-http';

const credential = z.object({
  apiKey: z
    .string()
    .regex(/^SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}$/, 'expected an API key: SG.xxxx.yyyy'),
});
const settings = z.object({
  from: z.email('expected the verified sender address'),
  apiBaseUrl: z.url().default('https://api.sendgrid.com'),
});

const messages: VendorMessages = {
  vendor: 'SendGrid',
  auth: 'SendGrid rejected the API key — create one with Mail Send access under SendGrid → Settings → API Keys',
  rejected: (detail) => `SendGrid refused the email: ${detail}`,
  authField: 'credential.apiKey',
  detail: (body) => (body as { errors?: { message?: string }[] }).errors?.[0]?.message,
};

/** SendGrid's v3 Web API as documented. */
export const sendgridProvider = defineProvider({
  id: 'sendgrid',
  name: 'SendGrid',
  authType: 'api_key',
  credentialKind: 'api_key',
  credential,
  settings,
  whereToFind: 'SendGrid → Settings → API Keys: a key with Mail Send access; a verified sender as `from`',
  async verify({ credential: { apiKey }, settings: { apiBaseUrl } }) {
    const { scopes } = await vendorJson<{ scopes: string[] }>(
      `${apiBaseUrl}/v3/scopes`,
      { headers: bearer(apiKey) },
      messages,
    );
    if (!scopes.includes('mail.send'))
      throw new VendorError(
        'auth',
        'SendGrid accepted the key but it lacks Mail Send access — edit the key and grant it',
        {
          field: 'credential.apiKey',
        },
      );
  },
  tools: {
    async send_email({ credential: { apiKey }, settings: { apiBaseUrl, from } }, input) {
      const { response } = await vendorRequest(
        `${apiBaseUrl}/v3/mail/send`,
        {
          method: 'POST',
          headers: { ...bearer(apiKey), 'content-type': 'application/json' },
          body: JSON.stringify({
            personalizations: [{ to: [{ email: input.to }] }],
            from: { email: input.from ?? from },
            subject: input.subject,
            content: [{ type: 'text/plain', value: input.text }],
          }),
        },
        messages,
      );
      return { message_id: response.headers.get('x-message-id') ?? 'accepted' };
    },
  },
});
