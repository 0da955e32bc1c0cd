import type { OrgTransaction } from '@suite/db';
import type { CallRow } from '../calls/call.view';
import { eventNumber } from '../calls/caller-number';
import type { ProductCaller } from '../crm/crm.client';
import { toolsClient } from '../tools/tools.client';

/** Ended calls not yet logged to (or skipped for) the org's external CRM, oldest first. */
export async function callsToLog(tx: OrgTransaction, limit: number): Promise<string[]> {
  const rows = await tx.voiceCall.findMany({
    where: { endedAt: { not: null }, crmLog: null },
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

/** The org keeps its customers in our CRM, which logs calls from Voice's events itself. */
export async function skipCalls(tx: OrgTransaction, callIds: readonly string[]): Promise<void> {
  await tx.voiceCall.updateMany({
    where: { id: { in: [...callIds] }, crmLog: null },
    data: { crmLog: 'skipped' },
  });
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

/**
 * Logs one ended call to the org's external CRM through the tool layer's CRM driver. The call id is the
 * idempotency key, so a retry after a crash between the vendor's answer and this commit creates nothing
 * new; a refusal throws and leaves the call to log on the next run.
 */
export async function logCallToCrm(tx: OrgTransaction, callId: string, caller: ProductCaller): Promise<void> {
  const call = await tx.voiceCall.findFirst({ where: { id: callId, crmLog: null, endedAt: { not: null } } });
  if (!call) return;
  const record = await toolsClient(caller).crm.createRecord.mutate({
    object: 'call',
    fields: callActivity(call),
    idempotencyKey: `voice.call-log:${call.id}`,
  });
  await tx.voiceCall.update({
    where: { id: call.id },
    data: { crmLog: 'logged', crmRecordId: record.externalId },
  });
}
