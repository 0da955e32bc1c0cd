import type { OrgTransaction } from '@suite/db';
import { type CallRow, withRecordings } from '../calls/call.view';
import { eventNumber } from '../calls/caller-number';
import type { ProductCaller } from '../crm/crm.client';
import { recordingPath } from '../recordings/recording-path';
import { toolsClient } from '../tools/tools.client';

/** Calls whose activity at the org's external CRM is still to write: not logged yet, or its recording link. */
const LOG_DUE = { endedAt: { not: null }, OR: [{ crmLog: null }, { crmLog: 'recording_pending' as const }] };

/** Ended calls with something to send to (or skip for) the org's external CRM, oldest first. */
export async function callsToLog(tx: OrgTransaction, limit: number): Promise<string[]> {
  const rows = await tx.voiceCall.findMany({
    where: LOG_DUE,
    select: { id: true },
    orderBy: { endedAt: 'asc' },
    take: limit,
  });
  return rows.map((row) => row.id);
}

/** Whether the org keeps its customers in a vendor CRM (HubSpot, Salesforce, generic REST). */
export async function usesExternalCrm(caller: ProductCaller): Promise<boolean> {
  return (await toolsClient(caller).crm.provider.query({})).external;
}

/**
 * The org keeps its customers in our CRM, which logs calls from Voice's events itself. A recording link
 * still due to a vendor CRM the org has since left stays unsent.
 */
export async function skipCalls(tx: OrgTransaction, callIds: readonly string[]): Promise<void> {
  const ids = { in: [...callIds] };
  await tx.voiceCall.updateMany({ where: { id: ids, crmLog: null }, data: { crmLog: 'skipped' } });
  await tx.voiceCall.updateMany({
    where: { id: ids, crmLog: 'recording_pending' },
    data: { crmLog: 'logged' },
  });
}

/**
 * A recording became ready for a call already logged to the org's external CRM: the job sends its link
 * to that activity. Runs under the call's row lock (applyRecording), as logCallToCrm does.
 */
export async function recordingDueToCrm(tx: OrgTransaction, callId: string): Promise<void> {
  await tx.voiceCall.updateMany({
    where: { id: callId, crmLog: 'logged' },
    data: { crmLog: 'recording_pending' },
  });
}

/**
 * The call's latest recording and the suite's link to it, absolute for a vendor CRM; never the vendor's
 * media URL. Null when it has none (or retention deleted it).
 */
function latestRecording(
  call: { readonly recordings: readonly { readonly id: string }[] },
  publicUrl: string,
): { readonly id: string; readonly url: string } | null {
  const [recording] = call.recordings;
  return recording ? { id: recording.id, url: `${publicUrl}${recordingPath(recording.id)}` } : null;
}

/** A call as the tool layer's `call` object takes it: canonical fields, numbers only when known. */
function callActivity(call: CallRow): Record<string, string> {
  const from = eventNumber(call.fromNumber);
  return {
    direction: call.direction,
    outcome: call.status,
    occurredAt: (call.endedAt ?? call.startedAt).toISOString(),
    durationSeconds: String(call.durationSeconds ?? 0),
    toNumber: call.toNumber,
    ...(from && { fromNumber: from }),
    ...(call.note && { note: call.note }),
  };
}

/** What one run did with a call: a new activity, the recording link added to it, or nothing to send. */
export type CallLogged = 'logged' | 'linked' | 'unchanged';

/**
 * Logs one ended call to the org's external CRM through the tool layer's CRM driver, with the suite's
 * recording link when the recording is ready; a recording ready later (a first or a further one) is
 * linked from the same activity. The activity is keyed by the call, each link by the call and recording,
 * so a retry after a crash between the vendor's answer and this commit writes nothing new; a refusal
 * throws and leaves the call to send on the next run.
 */
export async function logCallToCrm(
  tx: OrgTransaction,
  callId: string,
  caller: ProductCaller,
  publicUrl: string,
): Promise<CallLogged> {
  // The row lock orders this with a recording callback (applyRecording): whichever commits second sees
  // the other, so a recording is either in the new activity or marks the call for the link's update.
  await tx.$executeRaw`SELECT 1 FROM voice.call WHERE id = ${callId}::uuid FOR UPDATE`;
  const call = await tx.voiceCall.findFirst({ where: { id: callId, ...LOG_DUE }, include: withRecordings });
  if (!call) return 'unchanged';
  const recording = latestRecording(call, publicUrl);
  const crm = toolsClient(caller).crm;
  if (call.crmLog === null) {
    const record = await crm.createRecord.mutate({
      object: 'call',
      fields: { ...callActivity(call), ...(recording && { recordingUrl: recording.url }) },
      idempotencyKey: `voice.call-log:${call.id}`,
    });
    await tx.voiceCall.update({
      where: { id: call.id },
      data: { crmLog: 'logged', crmRecordId: record.externalId },
    });
    return 'logged';
  }
  // A recording deleted (retention) before its link was sent leaves the activity as it is.
  const activityId = call.crmRecordId;
  const linking = recording !== null && activityId !== null;
  if (linking)
    await crm.updateRecord.mutate({
      object: 'call',
      externalId: activityId,
      // The note goes along: Salesforce keeps it in the same Description as the link.
      fields: { recordingUrl: recording.url, ...(call.note && { note: call.note }) },
      // Keyed by the recording linked: a later recording of the call is a new update, a retry is not.
      idempotencyKey: `voice.call-log-recording:${call.id}:${recording.id}`,
    });
  await tx.voiceCall.update({ where: { id: call.id }, data: { crmLog: 'logged' } });
  return linking ? 'linked' : 'unchanged';
}
