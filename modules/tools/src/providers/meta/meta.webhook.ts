import { defineInboundWebhook, WebhookRefusal } from '../../webhooks/inbound-webhook';
import { bodyDigest, headerOf, hmacSha256Matches } from '../../webhooks/signature';

/**
 * Meta signs the raw body with the app secret: `X-Hub-Signature-256: sha256=<hex>`. Its payloads carry
 * no event id, so the body's digest is the id. No suite event reads Meta changes yet: they are stored.
 */
export const metaWebhook = defineInboundWebhook({
  provider: 'meta',
  secret: { kind: 'webhook_secret' },
  async verify({ headers, rawBody }, appSecret) {
    const header = headerOf(headers, 'x-hub-signature-256');
    if (!header?.startsWith('sha256='))
      throw new WebhookRefusal(400, 'the X-Hub-Signature-256 header is missing');
    const body = rawBody.toString('utf8');
    if (!hmacSha256Matches(appSecret, body, header.slice('sha256='.length), 'hex'))
      throw new WebhookRefusal(
        401,
        'X-Hub-Signature-256 does not match; check the App Secret saved for this connection',
      );
    return { eventId: bodyDigest(body) };
  },
  async normalise() {
    return [];
  },
});
