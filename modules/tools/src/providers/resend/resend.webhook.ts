import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { defineInboundWebhook, WebhookRefusal } from '../../webhooks/inbound-webhook';
import { headerOf } from '../../webhooks/signature';

/**
 * Resend signs through Svix, which is Standard Webhooks under `svix-` header names: the
 * `standardwebhooks` library checks the signature over `id.timestamp.body` with the connection's
 * `whsec_…` secret and refuses a timestamp more than 5 minutes away (a replay). Email events are stored
 * and deduplicated by the message id; none is published on the bus yet.
 */
export const resendWebhook = defineInboundWebhook({
  provider: 'resend',
  secret: { kind: 'webhook_secret' },
  async verify({ headers, rawBody }, secret) {
    const id = headerOf(headers, 'svix-id') ?? headerOf(headers, 'webhook-id');
    const timestamp = headerOf(headers, 'svix-timestamp') ?? headerOf(headers, 'webhook-timestamp');
    const signature = headerOf(headers, 'svix-signature') ?? headerOf(headers, 'webhook-signature');
    if (!id || !timestamp || !signature)
      throw new WebhookRefusal(400, 'the svix-id, svix-timestamp or svix-signature header is missing');
    let webhook: Webhook;
    try {
      webhook = new Webhook(secret);
    } catch {
      throw new WebhookRefusal(
        401,
        'the signing secret saved for this connection is not a whsec_… secret; save it again from Resend → Webhooks',
      );
    }
    try {
      webhook.verify(rawBody.toString('utf8'), {
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': signature,
      });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      throw new WebhookRefusal(
        401,
        /timestamp/i.test(error.message)
          ? 'svix-timestamp is more than 5 minutes away (a replay?)'
          : 'svix-signature does not match; check the signing secret (whsec_…) saved for this connection',
      );
    }
    return { eventId: id };
  },
  async normalise() {
    return [];
  },
});
