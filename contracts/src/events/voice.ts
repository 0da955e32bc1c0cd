import { z } from 'zod';
import { defineEvent } from './event-definition';
import { entityId, hubUserId, text, timestamp } from './shared-scalars';

// Voice: calls from the org's telephony vendor, kept forward-only per (vendor, call id), and their
// recordings. Every event's key is Voice's call id, so one call's events stay in order.

const e164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/)
  .describe('E.164, e.g. `+442079460018`.');
const direction = z.enum(['inbound', 'outbound']);
export const voiceCallOutcome = z.enum(['completed', 'busy', 'no_answer', 'failed', 'canceled']);

const call = {
  callId: entityId.describe("Voice's call id (one per vendor and vendor call id)."),
  provider: z.string().min(1).describe('The telephony vendor, e.g. `twilio`.'),
  vendorCallId: text(200, { min: 1 }).describe("The vendor's call id, e.g. Twilio's `CallSid`."),
  direction,
  from: e164.nullable().describe('E.164; null when the caller withheld their number (Twilio: `anonymous`).'),
  to: e164,
  staffUserId: hubUserId.nullable().describe('The Hub user on the suite side of the call, when known.'),
  contactId: entityId.nullable().describe('The CRM contact the call is matched to; null while unmatched.'),
  companyId: entityId.nullable().describe("That contact's CRM company."),
};

export const voiceCallStarted = defineEvent({
  type: 'voice.call.started',
  version: 1,
  topic: 'voice.call',
  key: 'callId',
  description: 'A call began ringing (inbound) or was placed (outbound). Published once per call.',
  schema: z.object({ ...call, startedAt: timestamp }),
});

const ended = {
  ...call,
  durationSeconds: z.number().int().min(0).describe('Talk time as the vendor measured it.'),
  outcome: voiceCallOutcome,
  note: text(2000).nullable().describe('What the staff typed about the call.'),
  recordingUrl: z
    .string()
    .nullable()
    .describe('The suite link of a recording already ready (usually null: `voice.recording.ready` follows).'),
  endedAt: timestamp,
};

export const voiceCallEnded = defineEvent({
  type: 'voice.call.ended',
  version: 1,
  topic: 'voice.call',
  key: 'callId',
  description:
    "A call reached its final state (completed, busy, no answer, failed, canceled). Published once per call; CRM logs it on the matched contact's timeline.",
  schema: z.object(ended),
});

export const voiceCallAttached = defineEvent({
  type: 'voice.call.attached',
  version: 1,
  topic: 'voice.call',
  key: 'callId',
  description:
    'Staff attached a past call that ended unmatched to a contact; CRM logs it then, as it would have at the end.',
  schema: z.object({ ...ended, contactId: entityId, companyId: entityId, attachedBy: hubUserId }),
});

export const voiceRecordingReady = defineEvent({
  type: 'voice.recording.ready',
  version: 1,
  topic: 'voice.call',
  key: 'callId',
  description:
    "A call's recording is available. `url` is the suite's own link, which checks `voice.recordings.read` and the org before streaming; never the vendor's.",
  schema: z.object({
    callId: entityId,
    recordingId: entityId,
    url: z.string().min(1).describe('Suite path, e.g. `/voice/recordings/<recordingId>`.'),
    durationSeconds: z.number().int().min(0).nullable(),
    readyAt: timestamp,
  }),
});

export const voiceCallNoted = defineEvent({
  type: 'voice.call.noted',
  version: 1,
  topic: 'voice.call',
  key: 'callId',
  description:
    "Staff wrote or changed the note of a call that had already ended; CRM puts it on the call's existing timeline entry.",
  schema: z.object({
    callId: entityId,
    note: text(2000, { min: 1 }).describe('The whole note, as it reads now.'),
    notedBy: hubUserId,
  }),
});

export const voiceEvents = [
  voiceCallStarted,
  voiceCallEnded,
  voiceCallAttached,
  voiceRecordingReady,
  voiceCallNoted,
] as const;
