import { z } from 'zod';
import { defineProvider } from '../provider-definition';
import { bearer, type VendorMessages, vendorJson } from '../vendor-http';

const credential = z.object({
  apiKey: z
    .string()
    .regex(/^re_[A-Za-z0-9_]{16,}$/, 'expected an API key: re_ followed by letters and digits'),
});
const settings = z.object({
  from: z.email('expected a sender address on a domain verified in Resend'),
  apiBaseUrl: z.url().default('https://api.resend.com'),
});

const messages: VendorMessages = {
  vendor: 'Resend',
  auth: 'Resend rejected the API key — create one with Full access under Resend → API Keys',
  rejected: (detail) => `Resend refused the email: ${detail}`,
  authField: 'credential.apiKey',
  detail: (body) => (body as { message?: string }).message,
};

/** Resend's REST API as documented: Bearer key, `Idempotency-Key` on sends, `{ statusCode, name, message }` errors. */
export const resendProvider = defineProvider({
  id: 'resend',
  name: 'Resend',
  authType: 'api_key',
  credentialKind: 'api_key',
  credential,
  settings,
  whereToFind:
    'Resend → API Keys: a key with Full access; a sender on a verified domain as `from`; Webhooks → the signing secret (whsec_…)',
  async verify({ credential: { apiKey }, settings: { apiBaseUrl } }) {
    await vendorJson(`${apiBaseUrl}/domains`, { headers: bearer(apiKey) }, messages);
  },
  tools: {
    async send_email({ credential: { apiKey }, settings: { apiBaseUrl, from }, idempotencyKey }, input) {
      const sent = await vendorJson<{ id: string }>(
        `${apiBaseUrl}/emails`,
        {
          method: 'POST',
          headers: {
            ...bearer(apiKey),
            'content-type': 'application/json',
            'idempotency-key': idempotencyKey,
          },
          body: JSON.stringify({
            from: input.from ?? from,
            to: [input.to],
            subject: input.subject,
            text: input.text,
          }),
        },
        messages,
      );
      return { message_id: sent.id };
    },
  },
});
