import { defineInboundWebhook, WebhookRefusal } from '../../webhooks/inbound-webhook';
import { hmacSha256Matches } from '../../webhooks/signature';

interface ConnectEvent {
  readonly event?: string;
  readonly generatedDateTime?: string;
  readonly data?: {
    readonly envelopeId?: string;
    readonly recipientId?: string;
    readonly envelopeSummary?: {
      readonly customFields?: { readonly textCustomFields?: { name: string; value: string }[] };
    };
  };
}

/** DocuSign Connect sends one signature per active HMAC key: X-DocuSign-Signature-1, -2, … */
function signatures(headers: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(headers)
    .filter(([name, value]) => /^x-docusign-signature-\d+$/.test(name) && value)
    .map(([, value]) => value as string);
}

function parse(body: string): ConnectEvent {
  try {
    return JSON.parse(body) as ConnectEvent;
  } catch {
    throw new WebhookRefusal(
      400,
      'the DocuSign Connect body is not JSON; choose the JSON (SIM) format in Connect',
    );
  }
}

/**
 * DocuSign Connect HMAC: base64 HMAC-SHA256 of the raw body with the Connect key; any of the headers
 * matching is enough (two keys during a rotation).
 */
export const docusignWebhook = defineInboundWebhook({
  provider: 'docusign',
  secret: { kind: 'webhook_secret' },
  async verify({ headers, rawBody }, connectKey) {
    const given = signatures(headers);
    if (given.length === 0)
      throw new WebhookRefusal(400, 'the X-DocuSign-Signature-1 header is missing; turn on HMAC in Connect');
    const body = rawBody.toString('utf8');
    if (!given.some((signature) => hmacSha256Matches(connectKey, body, signature, 'base64')))
      throw new WebhookRefusal(
        401,
        'X-DocuSign-Signature does not match; check the Connect HMAC key saved for this connection',
      );
    const event = parse(body);
    if (!event.event || !event.data?.envelopeId)
      throw new WebhookRefusal(400, 'the DocuSign Connect message names no event or envelope');
    return { eventId: `${event.event}:${event.data.envelopeId}:${event.data.recipientId ?? ''}` };
  },
  async normalise({ connectionId, provider, body, receivedAt }) {
    const event = parse(body);
    if (event.event !== 'envelope-completed' || !event.data?.envelopeId) return [];
    const reference = event.data.envelopeSummary?.customFields?.textCustomFields?.find(
      (field) => field.name === 'reference',
    );
    return [
      {
        type: 'tools.contract.signed',
        data: {
          connectionId,
          provider,
          envelopeId: event.data.envelopeId,
          reference: reference?.value ?? null,
          signedAt: new Date(event.generatedDateTime ?? receivedAt).toISOString(),
        },
      },
    ];
  },
});
