import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import twilio from 'twilio';

// How each vendor signs the webhooks it sends, with the vendor's own library where it has one, so the
// tests check the suite against the real scheme rather than against itself.

export interface SignedDelivery {
  readonly headers: Record<string, string>;
  readonly body: string;
}

export const WEBHOOK_URL_BASE = 'https://suite.example.com';

const hmac = (secret: string, payload: string, encoding: 'hex' | 'base64') =>
  createHmac('sha256', secret).update(payload).digest(encoding);

export function stripeDelivery(
  secret: string,
  event: Record<string, unknown>,
  timestamp = Math.floor(Date.now() / 1000),
): SignedDelivery {
  const body = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
  return { body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
}

/** Stripe's `payment_intent.succeeded` event for PaymentIntent `intentId`, carrying Books' reference. */
export function paymentIntentSucceeded(
  id: string,
  {
    intentId = `pi_${id}`,
    amount = 12_345,
    currency = 'usd',
    reference = 'books-invoice:42',
    created = 1_790_000_000,
  }: { intentId?: string; amount?: number; currency?: string; reference?: string; created?: number } = {},
) {
  return {
    id,
    object: 'event',
    type: 'payment_intent.succeeded',
    created,
    data: {
      object: { id: intentId, amount, amount_received: amount, currency, metadata: { reference } },
    },
  };
}

export function twilioDelivery(
  authToken: string,
  url: string,
  params: Record<string, string>,
): SignedDelivery {
  return {
    body: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, url, params),
    },
  };
}

export function metaDelivery(appSecret: string, payload: Record<string, unknown>): SignedDelivery {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${hmac(appSecret, body, 'hex')}`,
    },
  };
}

/** DocuSign Connect with HMAC: one header per active key (X-DocuSign-Signature-1, -2, …). */
export function docusignDelivery(connectKeys: string[], payload: Record<string, unknown>): SignedDelivery {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  connectKeys.forEach((key, index) => {
    headers[`x-docusign-signature-${index + 1}`] = hmac(key, body, 'base64');
  });
  return { body, headers };
}

/** DocuSign Connect's `envelope-completed` (JSON SIM), with the reference `send_contract` set as a custom field. */
export function envelopeCompleted(
  envelopeId: string,
  reference = 'psa-contract:7',
  generatedDateTime = '2026-11-29T10:00:00.000Z',
) {
  return {
    event: 'envelope-completed',
    apiVersion: 'v2.1',
    generatedDateTime,
    data: {
      accountId: '00000000-0000-4000-8000-000000000001',
      envelopeId,
      envelopeSummary: {
        customFields: { textCustomFields: [{ name: 'reference', value: reference }] },
      },
    },
  };
}

/** Dropbox Sign: multipart/form-data with the event JSON in `json`; the hash signs time + type with the API key. */
export async function dropboxSignDelivery(
  apiKey: string,
  eventType: string,
  signatureRequestId: string,
  eventTime = String(Math.floor(Date.now() / 1000)),
  reference = 'psa-contract:9',
): Promise<SignedDelivery> {
  const event = {
    event: {
      event_time: eventTime,
      event_type: eventType,
      event_hash: hmac(apiKey, `${eventTime}${eventType}`, 'hex'),
    },
    signature_request: {
      signature_request_id: signatureRequestId,
      metadata: { reference },
    },
  };
  const form = new FormData();
  form.set('json', JSON.stringify(event));
  const response = new Response(form);
  return {
    body: await response.text(),
    headers: { 'content-type': response.headers.get('content-type') ?? '' },
  };
}

/** Resend signs through Svix: Standard Webhooks under `svix-` header names, signed by the `standardwebhooks` package. */
export function resendDelivery(
  secret: string,
  messageId: string,
  event: Record<string, unknown>,
  at = new Date(),
): SignedDelivery {
  const body = JSON.stringify(event);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'svix-id': messageId,
      'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
      'svix-signature': new Webhook(secret).sign(messageId, at, body),
    },
  };
}

/** A Resend email event as its webhooks send it: `{ type, created_at, data: { email_id, … } }`. */
function emailEvent(type: string, emailId: string, extra: Record<string, unknown> = {}) {
  return {
    type,
    created_at: '2026-11-30T01:30:00.000Z',
    data: { email_id: emailId, to: ['client@acme.example'], subject: 'Your estimate', ...extra },
  };
}

export const emailDelivered = (emailId: string) => emailEvent('email.delivered', emailId);

export const emailOpened = (emailId: string) => emailEvent('email.opened', emailId);

/** A hard bounce, as Resend reports one (`bounce.type` `Permanent`). */
export const emailBounced = (emailId: string) =>
  emailEvent('email.bounced', emailId, {
    bounce: {
      type: 'Permanent',
      subType: 'General',
      message: "The recipient's mail server permanently rejected the email.",
    },
  });
