import twilio from 'twilio';
import { defineInboundWebhook, type InboundEvent, WebhookRefusal } from '../../webhooks/inbound-webhook';
import { bodyDigest, headerOf } from '../../webhooks/signature';

type Params = Record<string, string>;

const CALL_STATUS = {
  queued: 'initiated',
  initiated: 'initiated',
  ringing: 'ringing',
  'in-progress': 'answered',
  answered: 'answered',
  completed: 'completed',
  busy: 'busy',
  'no-answer': 'no_answer',
  failed: 'failed',
  canceled: 'canceled',
} as const;
const RECORDING_STATUS = new Set(['completed', 'failed', 'absent']);

function paramsOf(body: string): Params {
  return Object.fromEntries(new URLSearchParams(body));
}

const wholeNumber = (value: string | undefined): number | null =>
  value !== undefined && /^\d+$/.test(value) ? Number(value) : null;

/** Twilio's `Timestamp` (RFC 2822) when it sends one, else when the callback reached us. */
function occurredAt(params: Params, receivedAt: Date): string {
  const stamped = params.Timestamp ? new Date(params.Timestamp) : undefined;
  return (stamped && !Number.isNaN(stamped.getTime()) ? stamped : receivedAt).toISOString();
}

/**
 * One callback's identity: an SMS by its MessageSid, a call status by CallSid + status + sequence
 * number, a recording by RecordingSid + status. Twilio retries send the same parameters.
 */
function eventIdOf(params: Params, body: string): string {
  if (params.RecordingSid) return `${params.RecordingSid}:${params.RecordingStatus ?? ''}`;
  if (params.CallSid && params.CallStatus)
    return `${params.CallSid}:${params.CallStatus}:${params.SequenceNumber ?? ''}`;
  if (params.MessageSid) return `${params.MessageSid}:${params.SmsStatus ?? params.MessageStatus ?? ''}`;
  return bodyDigest(body);
}

function toEvents(params: Params, base: { connectionId: string; provider: string }, receivedAt: Date) {
  if (params.RecordingSid && params.CallSid && RECORDING_STATUS.has(params.RecordingStatus ?? ''))
    return [
      {
        type: 'tools.call.recording_completed',
        data: {
          ...base,
          callId: params.CallSid,
          recordingId: params.RecordingSid,
          status: params.RecordingStatus as 'completed' | 'failed' | 'absent',
          durationSeconds: wholeNumber(params.RecordingDuration),
          occurredAt: occurredAt(params, receivedAt),
        },
      } satisfies InboundEvent,
    ];
  const status = CALL_STATUS[params.CallStatus as keyof typeof CALL_STATUS];
  if (params.CallSid && !params.RecordingSid && status)
    return [
      {
        type: 'tools.call.status_changed',
        data: {
          ...base,
          callId: params.CallSid,
          status,
          direction: params.Direction?.startsWith('outbound') ? 'outbound' : 'inbound',
          // An empty From is a caller who withheld their number, as Twilio's `anonymous` is.
          from: params.From?.trim() || 'anonymous',
          to: params.To ?? '',
          durationSeconds: wholeNumber(params.CallDuration),
          sequenceNumber: wholeNumber(params.SequenceNumber),
          occurredAt: occurredAt(params, receivedAt),
        },
      } satisfies InboundEvent,
    ];
  const inboundSms = (params.SmsStatus ?? params.MessageStatus ?? 'received') === 'received';
  if (params.MessageSid && params.Body !== undefined && inboundSms)
    return [
      {
        type: 'tools.sms.received',
        data: {
          ...base,
          messageId: params.MessageSid,
          // An empty From is a caller who withheld their number, as Twilio's `anonymous` is.
          from: params.From?.trim() || 'anonymous',
          to: params.To ?? '',
          body: params.Body,
          receivedAt: receivedAt.toISOString(),
        },
      } satisfies InboundEvent,
    ];
  // Outbound message delivery statuses and other callbacks are stored, not published.
  return [];
}

/**
 * Twilio signs the exact URL it called plus the sorted POST parameters with the account's Auth Token
 * (`X-Twilio-Signature`); the official package's validateRequest checks it. SMS, voice StatusCallback
 * and RecordingStatusCallback all post to the connection's one URL.
 */
export const twilioWebhook = defineInboundWebhook({
  provider: 'twilio',
  secret: { kind: 'api_key', field: 'authToken' },
  async verify({ headers, rawBody, url }, authToken) {
    const signature = headerOf(headers, 'x-twilio-signature');
    if (!signature) throw new WebhookRefusal(400, 'the X-Twilio-Signature header is missing');
    const body = rawBody.toString('utf8');
    const valid = url.includes('bodySHA256=')
      ? twilio.validateRequestWithBody(authToken, signature, url, body)
      : twilio.validateRequest(authToken, signature, url, paramsOf(body));
    if (!valid)
      throw new WebhookRefusal(
        401,
        "X-Twilio-Signature does not match this URL and body; check the account's Auth Token and that Twilio calls this exact URL",
      );
    return { eventId: eventIdOf(paramsOf(body), body) };
  },
  async normalise({ connectionId, provider, body, receivedAt }) {
    return toEvents(paramsOf(body), { connectionId, provider }, receivedAt);
  },
  reply: { contentType: 'text/xml', body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' },
});
