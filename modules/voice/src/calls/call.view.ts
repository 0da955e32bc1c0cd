import type { EventData, voiceCallEnded } from '@suite/contracts';
import type { Prisma } from '@suite/db';
import { recordingPath } from '../recordings/recording-path';
import type { CallView } from './call.schema';
import { type CallOutcome, isFinal } from './call-state';
import { eventNumber } from './caller-number';

export type CallRow = Prisma.VoiceCallGetPayload<object>;
type RecordingRow = { readonly id: string; readonly deletedAt: Date | null };

/** Rows read with this include carry what the view needs of their recordings: the latest one kept. */
export const withRecordings = {
  recordings: {
    where: { deletedAt: null },
    select: { id: true, deletedAt: true },
    orderBy: { readyAt: 'desc' },
    take: 1,
  },
} as const;

const outcomeOf = (row: CallRow): CallOutcome | null => (isFinal(row.status) ? row.status : null);

export function toCallView(row: CallRow & { readonly recordings?: readonly RecordingRow[] }): CallView {
  const recording = row.recordings?.find((r) => r.deletedAt === null);
  return {
    id: row.id,
    provider: row.provider,
    direction: row.direction,
    status: row.status,
    from: row.fromNumber,
    to: row.toNumber,
    remoteNumber: row.remoteNumber,
    staffUserId: row.staffUserId,
    contactId: row.contactId,
    companyId: row.companyId,
    note: row.note,
    durationSeconds: row.durationSeconds,
    outcome: outcomeOf(row),
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    recordingUrl: recording ? recordingPath(recording.id) : null,
  };
}

type CallFields = Omit<
  EventData<typeof voiceCallEnded>,
  'durationSeconds' | 'outcome' | 'note' | 'recordingUrl' | 'endedAt'
>;

/** The fields every voice.call.* event carries. */
export function callFields(row: CallRow): CallFields {
  return {
    callId: row.id,
    provider: row.provider,
    vendorCallId: row.vendorCallId,
    direction: row.direction,
    from: eventNumber(row.fromNumber),
    to: row.toNumber,
    staffUserId: row.staffUserId,
    contactId: row.contactId,
    companyId: row.companyId,
  };
}

/** A call that ended, as voice.call.ended and voice.call.attached tell it. */
export function endedCall(
  row: CallRow & { readonly recordings?: readonly RecordingRow[] },
): EventData<typeof voiceCallEnded> {
  const view = toCallView(row);
  return {
    ...callFields(row),
    durationSeconds: row.durationSeconds ?? 0,
    outcome: view.outcome ?? 'completed',
    note: row.note,
    recordingUrl: view.recordingUrl,
    endedAt: (row.endedAt ?? new Date()).toISOString(),
  };
}
