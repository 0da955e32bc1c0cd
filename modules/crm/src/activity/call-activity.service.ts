import type {
  EventData,
  voiceCallAttached,
  voiceCallEnded,
  voiceCallNoted,
  voiceRecordingReady,
} from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { recordActivity } from './activity.service';

type CallSummary = EventData<typeof voiceCallEnded> | EventData<typeof voiceCallAttached>;

const callSource = (callId: string) => `voice.call:${callId}`;

function durationText(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes ? `${minutes}m ${seconds % 60}s` : `${seconds}s`;
}

/**
 * One timeline entry per call on its contact's company (the entry names the contact): direction,
 * duration, outcome, staff user and note. A call that ended unmatched is logged when it is attached.
 */
export async function logCall(tx: OrgTransaction, call: CallSummary): Promise<void> {
  if (!call.contactId || !call.companyId) return;
  const company = await tx.crmCompany.findFirst({ where: { id: call.companyId }, select: { id: true } });
  if (!company) return; // deleted since: its timeline went with it
  const contact = await tx.crmContact.findFirst({ where: { id: call.contactId }, select: { name: true } });
  const who = contact?.name ?? (call.direction === 'inbound' ? (call.from ?? 'a withheld number') : call.to);
  await recordActivity(tx, {
    companyId: call.companyId,
    kind: 'call',
    title: `${call.direction === 'inbound' ? 'Call from' : 'Call to'} ${who} · ${durationText(call.durationSeconds)} · ${call.outcome.replace('_', ' ')}`,
    detail: {
      callId: call.callId,
      contactId: call.contactId,
      direction: call.direction,
      from: call.from,
      to: call.to,
      durationSeconds: call.durationSeconds,
      outcome: call.outcome,
      staffUserId: call.staffUserId,
      note: call.note,
      recordingUrl: call.recordingUrl,
    },
    occurredAt: new Date(call.endedAt),
    sourceKey: callSource(call.callId),
  });
}

/** The recording link goes into the call's existing entry, never a second one. */
export async function addRecordingLink(
  tx: OrgTransaction,
  recording: EventData<typeof voiceRecordingReady>,
): Promise<void> {
  await tx.$executeRaw`
    UPDATE crm.activity SET detail = detail || jsonb_build_object('recordingUrl', ${recording.url}::text)
    WHERE source_key = ${callSource(recording.callId)}`;
}

/**
 * A note written after the call ended replaces the note of the call's entry. A call that ended unmatched
 * has no entry yet: its note travels with voice.call.attached.
 */
export async function addCallNote(
  tx: OrgTransaction,
  noted: EventData<typeof voiceCallNoted>,
): Promise<void> {
  await tx.$executeRaw`
    UPDATE crm.activity SET detail = detail || jsonb_build_object('note', ${noted.note}::text)
    WHERE source_key = ${callSource(noted.callId)}`;
}
