import { publish } from '@suite/bus';
import { type EventData, found, notFound, type toolsCallRecordingCompleted } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { ProductCaller } from '../crm/crm.client';
import { recordingDueToCrm } from '../crm-log/crm-call-log.service';
import { getVoiceSettings } from '../settings/setting.service';
import { runTool } from '../tools/tools.client';
import type { ByRecordingId, RecordingMedia } from './recording.schema';
import { recordingAudioPath, recordingPath } from './recording-path';

type RecordingCallback = EventData<typeof toolsCallRecordingCompleted>;

/**
 * A vendor's recording callback. Kept only when the org enabled recording in Voice; each recording
 * once (a duplicate callback changes nothing), announced as voice.recording.ready with the suite's link.
 */
export async function applyRecording(
  tx: OrgTransaction,
  callback: RecordingCallback,
  origin: { readonly traceparent?: string } = {},
): Promise<void> {
  if (callback.status !== 'completed') return;
  if (!(await getVoiceSettings(tx)).recordingEnabled) return;
  const call = found(
    await tx.voiceCall.findFirst({ where: { provider: callback.provider, vendorCallId: callback.callId } }),
    `call ${callback.provider}:${callback.callId} (its status callbacks come first; retried)`,
  );
  // The call row's lock orders this with the callback that ends the call, whose events share a key:
  // whichever commits second sees the other, so CRM's entry gets the link either way (voice.call.ended
  // carrying it, or voice.recording.ready adding it to the entry), never a ready that finds no entry
  // followed by an ended read before the recording existed. The external CRM job takes it too, so a
  // recording is either in the call's vendor activity or marks the call for the link's update.
  await tx.$executeRaw`SELECT 1 FROM voice.call WHERE id = ${call.id}::uuid FOR UPDATE`;
  const readyAt = new Date(callback.occurredAt);
  const created = await tx.voiceRecording.createMany({
    data: [
      {
        callId: call.id,
        vendorRecordingId: callback.recordingId,
        durationSeconds: callback.durationSeconds,
        readyAt,
      },
    ],
    skipDuplicates: true,
  });
  if (created.count === 0) return;
  await recordingDueToCrm(tx, call.id);
  const recording = await tx.voiceRecording.findFirstOrThrow({
    where: { vendorRecordingId: callback.recordingId },
  });
  await publish(tx, {
    type: 'voice.recording.ready',
    traceparent: origin.traceparent,
    data: {
      callId: call.id,
      recordingId: recording.id,
      url: recordingPath(recording.id),
      durationSeconds: recording.durationSeconds,
      readyAt: readyAt.toISOString(),
    },
  });
}

/** A recording the org still has; NOT_FOUND for an unknown, deleted or other org's one (row-level security). */
export async function playableRecording(
  tx: OrgTransaction,
  { recordingId }: ByRecordingId,
): Promise<{ readonly id: string; readonly vendorRecordingId: string }> {
  const recording = await tx.voiceRecording.findFirst({ where: { id: recordingId, deletedAt: null } });
  if (!recording) throw notFound(`recording ${recordingId}`);
  return recording;
}

/**
 * Behind the suite's recording link: the procedure's permission (voice.recordings.read) and the org's
 * row-level security have let the caller through; the browser gets the suite's audio stream, which
 * checks both again, never the vendor's URL.
 */
export async function openRecording(tx: OrgTransaction, input: ByRecordingId): Promise<RecordingMedia> {
  const recording = await playableRecording(tx, input);
  return { url: recordingAudioPath(recording.id), contentType: 'audio/mpeg' };
}

/** Takes the org's recordings older than its retention setting out of the suite; returns how many. */
export async function expireRecordings(tx: OrgTransaction, now: Date): Promise<number> {
  const { retentionDays } = await getVoiceSettings(tx);
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  const { count } = await tx.voiceRecording.updateMany({
    where: { deletedAt: null, readyAt: { lt: before } },
    data: { deletedAt: now },
  });
  return count;
}

/** Up to `limit` recordings taken out of the suite (retention, erasure) whose media the vendor still holds. */
export async function recordingsToPurge(tx: OrgTransaction, limit: number): Promise<string[]> {
  const rows = await tx.voiceRecording.findMany({
    where: { deletedAt: { not: null } },
    select: { id: true },
    orderBy: { deletedAt: 'asc' },
    take: limit,
  });
  return rows.map((row) => row.id);
}

/**
 * Deletes one recording's media at the vendor (the tool layer's `delete_recording`, keyed by the
 * recording so a retry deletes once), then the suite's last reference to it: the row with the vendor id.
 */
export async function purgeRecording(
  tx: OrgTransaction,
  recordingId: string,
  caller: ProductCaller,
): Promise<void> {
  const recording = await tx.voiceRecording.findFirst({
    where: { id: recordingId, deletedAt: { not: null } },
  });
  if (!recording) return;
  await runTool(
    caller,
    'delete_recording',
    { recording_id: recording.vendorRecordingId },
    `voice.recording-delete:${recording.id}`,
  );
  await tx.voiceRecording.delete({ where: { id: recording.id } });
}
