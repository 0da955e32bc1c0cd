import { randomBytes, randomUUID } from 'node:crypto';

/** The org's Twilio number in these tests (the connection's `from`). */
export const ORG_NUMBER = '+14155550100';
export const CONNECTION_ID = randomUUID();

export const callSid = () => `CA${randomBytes(16).toString('hex')}`;
export const recordingSid = () => `RE${randomBytes(16).toString('hex')}`;

type Status =
  | 'initiated'
  | 'ringing'
  | 'answered'
  | 'completed'
  | 'busy'
  | 'no_answer'
  | 'failed'
  | 'canceled';

/** What the tool layer publishes for one Twilio status callback. */
export function statusChanged(
  callId: string,
  status: Status,
  call: { from: string; to?: string; direction?: 'inbound' | 'outbound'; duration?: number },
) {
  return {
    type: 'tools.call.status_changed' as const,
    data: {
      connectionId: CONNECTION_ID,
      provider: 'twilio',
      callId,
      status,
      direction: call.direction ?? ('inbound' as const),
      from: call.from,
      to: call.to ?? ORG_NUMBER,
      durationSeconds: call.duration ?? null,
      sequenceNumber: null,
      occurredAt: new Date().toISOString(),
    },
  };
}

/** What the tool layer publishes for one Twilio recording status callback. */
export function recordingCompleted(callId: string, recordingId: string, duration = 90) {
  return {
    type: 'tools.call.recording_completed' as const,
    data: {
      connectionId: CONNECTION_ID,
      provider: 'twilio',
      callId,
      recordingId,
      status: 'completed' as const,
      durationSeconds: duration,
      occurredAt: new Date().toISOString(),
    },
  };
}
