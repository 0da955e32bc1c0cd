import { z } from 'zod';
import { defineProvider } from '../provider-definition';
import { basic, type VendorMessages, vendorJson } from '../vendor-http';

const credential = z.object({
  apiKey: z
    .string()
    .regex(
      /^[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}$|^key-[0-9a-f]{32}$/,
      'expected the Private API key (…-xxxxxxxx-xxxxxxxx)',
    ),
});
const settings = z.object({
  domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'expected the sending domain, e.g. mg.example.com'),
  from: z.email('expected a sender address on the sending domain'),
  /** https://api.eu.mailgun.net for EU domains. */
  apiBaseUrl: z.url().default('https://api.mailgun.net'),
});

const messages: VendorMessages = {
  vendor: 'Mailgun',
  auth: 'Mailgun rejected the API key — use the Private API key from Mailgun → Settings → API Keys (EU domains: set the EU API base)',
  rejected: (detail) => `Mailgun refused the email: ${detail}`,
  authField: 'credential.apiKey',
  detail: (body) => (body as { message?: string }).message,
};

/** Mailgun's v3 API as documented (Basic auth `api:<key>`, form bodies). */
export const mailgunProvider = defineProvider({
  id: 'mailgun',
  name: 'Mailgun',
  authType: 'api_key',
  credentialKind: 'api_key',
  credential,
  settings,
  whereToFind:
    'Mailgun → Settings → API Keys: the Private API key; your sending domain from Sending → Domains',
  async verify({ credential: { apiKey }, settings: { apiBaseUrl, domain } }) {
    await vendorJson(
      `${apiBaseUrl}/v3/domains/${encodeURIComponent(domain)}`,
      { headers: basic('api', apiKey) },
      {
        ...messages,
        rejected: () => `Mailgun can't find sending domain ${domain} — check it under Sending → Domains`,
        rejectedField: 'settings.domain',
      },
    );
  },
  tools: {
    async send_email({ credential: { apiKey }, settings: { apiBaseUrl, domain, from } }, input) {
      const sent = await vendorJson<{ id: string }>(
        `${apiBaseUrl}/v3/${encodeURIComponent(domain)}/messages`,
        {
          method: 'POST',
          headers: { ...basic('api', apiKey), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            from: input.from ?? from,
            to: input.to,
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
