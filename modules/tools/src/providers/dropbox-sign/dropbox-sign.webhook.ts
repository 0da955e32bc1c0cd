import { defineInboundWebhook, WebhookRefusal } from '../../webhooks/inbound-webhook';
import { hmacSha256Matches } from '../../webhooks/signature';

interface DropboxSignEvent {
  readonly event?: {
    readonly event_time?: string;
    readonly event_type?: string;
    readonly event_hash?: string;
  };
  readonly signature_request?: {
    readonly signature_request_id?: string;
    readonly metadata?: Record<string, unknown>;
  };
}

/** Dropbox Sign posts multipart/form-data with the event JSON in the `json` field. */
async function eventOf(body: string, contentType: string | null): Promise<DropboxSignEvent> {
  try {
    if (contentType?.startsWith('multipart/form-data')) {
      const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
      return JSON.parse(String(form.get('json'))) as DropboxSignEvent;
    }
    if (contentType?.startsWith('application/x-www-form-urlencoded'))
      return JSON.parse(new URLSearchParams(body).get('json') ?? '') as DropboxSignEvent;
    return JSON.parse(body) as DropboxSignEvent;
  } catch {
    throw new WebhookRefusal(400, 'the Dropbox Sign callback carries no event JSON in its `json` field');
  }
}

/**
 * Dropbox Sign's event hash: hex HMAC-SHA256 of `event_time + event_type` keyed with the account's API
 * key, inside the event itself. It answers the text Dropbox Sign expects.
 */
export const dropboxSignWebhook = defineInboundWebhook({
  provider: 'dropbox-sign',
  secret: { kind: 'api_key', field: 'apiKey' },
  async verify({ headers, rawBody }, apiKey) {
    const { event, signature_request: request } = await eventOf(
      rawBody.toString('utf8'),
      headers['content-type'] ?? null,
    );
    if (!event?.event_hash || !event.event_time || !event.event_type)
      throw new WebhookRefusal(400, 'the Dropbox Sign event has no event_hash, event_time or event_type');
    if (!hmacSha256Matches(apiKey, `${event.event_time}${event.event_type}`, event.event_hash, 'hex'))
      throw new WebhookRefusal(
        401,
        "the Dropbox Sign event_hash does not match; check the account's API key",
      );
    // The hash repeats for two requests signed in the same second: the request id tells them apart.
    return { eventId: `${event.event_type}:${event.event_time}:${request?.signature_request_id ?? ''}` };
  },
  async normalise({ connectionId, provider, body, contentType }) {
    const { event, signature_request: request } = await eventOf(body, contentType);
    if (event?.event_type !== 'signature_request_all_signed' || !request?.signature_request_id) return [];
    const reference = request.metadata?.reference;
    return [
      {
        type: 'tools.contract.signed',
        data: {
          connectionId,
          provider,
          envelopeId: request.signature_request_id,
          reference: typeof reference === 'string' ? reference : null,
          signedAt: new Date(Number(event.event_time) * 1000).toISOString(),
        },
      },
    ];
  },
  reply: { contentType: 'text/plain', body: 'Hello API Event Received' },
});
