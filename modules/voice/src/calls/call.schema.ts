import { contactsLookupByPhone, cursor, entityId, text, timestamp, voiceCallOutcome } from '@suite/contracts';
import { z } from 'zod';

const byCall = { callId: entityId };
const phone = text(50, { min: 1 });

export const byCallId = z.object(byCall);

export const callListInput = z.object({
  unmatched: z.boolean().optional().describe('Only calls not (yet) matched to a contact.'),
  phone: phone.optional().describe("Only calls with this other party's number (any format)."),
  direction: z.enum(['inbound', 'outbound']).optional(),
  outcome: voiceCallOutcome.optional().describe('Only calls that ended so.'),
  contactId: entityId.optional().describe('Only calls matched to this CRM contact.'),
  since: timestamp.optional().describe('Only calls that started at or after this time.'),
  before: timestamp.optional().describe('Only calls that started before this time.'),
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const callAttachInput = z.object({
  ...byCall,
  contactId: entityId,
  remember: z
    .boolean()
    .default(true)
    .describe('Remember this contact for the number, so later calls from it match directly.'),
});

export const callNoteInput = z.object({ ...byCall, note: text(2000, { min: 1 }) });

export const callPlaceInput = z.object({
  to: phone.describe('The number to call, in any format (read in the org default country).'),
  staffPhone: phone.describe('The staff phone the vendor rings first and bridges to `to`.'),
  contactId: entityId.optional().describe('The CRM contact being called, which must have the number.'),
  idempotencyKey: text(200, { min: 8 }).describe('The same key on a retried click places one call.'),
});

export const callView = z.object({
  id: entityId,
  provider: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  status: z.string(),
  from: z.string(),
  to: z.string(),
  remoteNumber: z.string(),
  staffUserId: z.string().nullable(),
  contactId: entityId.nullable(),
  companyId: entityId.nullable(),
  note: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  outcome: voiceCallOutcome.nullable(),
  startedAt: z.date(),
  endedAt: z.date().nullable(),
  recordingUrl: z.string().nullable().describe('The suite link; opening it needs voice.recordings.read.'),
});

export const callPage = z.object({ items: z.array(callView), nextCursor: z.string().nullable() });

export const callMatchView = contactsLookupByPhone.output.extend({ call: callView });

export type ByCallId = z.infer<typeof byCallId>;
export type CallListInput = z.infer<typeof callListInput>;
export type CallAttachInput = z.infer<typeof callAttachInput>;
export type CallNoteInput = z.infer<typeof callNoteInput>;
export type CallPlaceInput = z.infer<typeof callPlaceInput>;
export type CallView = z.infer<typeof callView>;
export type CallPage = z.infer<typeof callPage>;
export type CallMatchView = z.infer<typeof callMatchView>;
