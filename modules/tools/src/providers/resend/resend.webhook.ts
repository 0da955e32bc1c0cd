import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { defineInboundWebhook, type InboundEvent, WebhookRefusal } from '../../webhooks/inbound-webhook';
import { headerOf } from '../../webhooks/signature';

/** The fields the suite reads of a Resend email event (`{ type, created_at, data }`). */
interface ResendEvent {
  readonly type: string;
  readonly created_at: string;
  readonly data: {
    readonly email_id?: string;
    readonly to?: readonly string[];
    readonly bounce?: { readonly type?: string; readonly message?: string };
    readonly failed?: { readonly reason?: string };
    readonly suppressed?: { readonly message?: string };
  };
}

// Resend's delivery statuses; opens, clicks, inbound mail and contact or domain events are stored only.
const DELIVERY_STATUS = {
  'email.sent': 'sent',
  'email.delivered': 'delivered',
  'email.delivery_delayed': 'delivery_delayed',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
  'email.failed': 'failed',
  'email.suppressed': 'suppressed',
} as const;

function isResendEvent(value: unknown): value is ResendEvent {
  const event = value as Partial<ResendEvent> | null;
  return (
    typeof event?.type === 'string' &&
    typeof event.created_at === 'string' &&
    !Number.isNaN(Date.parse(event.created_at)) &&
    typeof event.data === 'object' &&
    event.data !== null
  );
}

function toEvents(event: ResendEvent, base: { connectionId: string; provider: string }): InboundEvent[] {
  const status = DELIVERY_STATUS[event.type as keyof typeof DELIVERY_STATUS];
  const { data } = event;
  if (!status || !data.email_id) return [];
  const reason = data.bounce?.message ?? data.failed?.reason ?? data.suppressed?.message ?? null;
  return [
    {
      type: 'tools.email.status_changed',
      data: {
        ...base,
        messageId: data.email_id,
        status,
        recipients: (data.to ?? []).slice(0, 50),
        permanent: data.bounce ? data.bounce.type === 'Permanent' : null,
        reason: reason?.slice(0, 1000) ?? null,
        // Named from the suite's record of the send (withSentSubjects), not from the vendor's body.
        subject: null,
        occurredAt: new Date(event.created_at).toISOString(),
      },
    },
  ];
}

/**
 * Resend signs through Svix, which is Standard Webhooks under `svix-` header names: the
 * `standardwebhooks` library checks the signature over `id.timestamp.body` with the connection's
 * `whsec_…` secret and refuses a timestamp more than 5 minutes away (a replay). The event id is
 * `svix-id`, the same on every retry of one event, so a redelivery publishes nothing again.
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
    let event: unknown;
    try {
      event = webhook.verify(rawBody.toString('utf8'), {
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': signature,
      });
    } catch (error) {
      if (error instanceof SyntaxError) throw new WebhookRefusal(400, 'the Resend webhook body is not JSON');
      if (!(error instanceof WebhookVerificationError)) throw error;
      throw new WebhookRefusal(
        401,
        /timestamp/i.test(error.message)
          ? 'svix-timestamp is more than 5 minutes away (a replay?)'
          : 'svix-signature does not match; check the signing secret (whsec_…) saved for this connection',
      );
    }
    if (!isResendEvent(event))
      throw new WebhookRefusal(
        400,
        'the Resend webhook body is not a Resend event ({ type, created_at, data })',
      );
    return { eventId: id };
  },
  async normalise({ connectionId, provider, body }) {
    return toEvents(JSON.parse(body) as ResendEvent, { connectionId, provider });
  },
});
