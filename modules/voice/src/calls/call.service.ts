import { publish } from '@suite/bus';
import {
  type EventData,
  found,
  invalid,
  normalisePhone,
  type toolsCallStatusChanged,
} from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import { getVoiceSettings } from '../settings/setting.service';
import type { ByCallId, CallListInput, CallNoteInput, CallPage, CallView } from './call.schema';
import { type CallRow, callFields, endedCall, toCallView, withRecordings } from './call.view';
import { advances, isFinal } from './call-state';
import { callerNumber } from './caller-number';

type StatusCallback = EventData<typeof toolsCallStatusChanged>;
type Origin = { readonly traceparent?: string };

export async function callInOrg(tx: OrgTransaction, callId: string): Promise<CallRow> {
  return found(await tx.voiceCall.findFirst({ where: { id: callId } }), `call ${callId}`);
}

/** voice.call.started, and voice.call.ended when the call is already over (a late first callback). */
export async function publishCallOpened(
  tx: OrgTransaction,
  row: CallRow,
  origin: Origin = {},
): Promise<void> {
  await publish(tx, {
    type: 'voice.call.started',
    traceparent: origin.traceparent,
    data: { ...callFields(row), startedAt: row.startedAt.toISOString() },
  });
  if (isFinal(row.status)) await publishCallEnded(tx, row, origin);
}

async function publishCallEnded(tx: OrgTransaction, row: CallRow, origin: Origin): Promise<void> {
  const call = await tx.voiceCall.findFirstOrThrow({ where: { id: row.id }, include: withRecordings });
  await publish(tx, { type: 'voice.call.ended', traceparent: origin.traceparent, data: endedCall(call) });
}

function finalFields(callback: StatusCallback): Prisma.VoiceCallUpdateInput {
  if (!isFinal(callback.status)) return {};
  return { durationSeconds: callback.durationSeconds ?? 0, endedAt: new Date(callback.occurredAt) };
}

/**
 * A vendor's status callback. A call is one row per (vendor, call id) and only moves forward: a
 * duplicate or a late callback (`answered` after `completed`) changes nothing. The first callback of a
 * call publishes voice.call.started, the one that ends it voice.call.ended: each once per call.
 */
export async function applyCallStatus(
  tx: OrgTransaction,
  callback: StatusCallback,
  origin: Origin = {},
): Promise<void> {
  const { defaultCountry } = await getVoiceSettings(tx);
  const from = callerNumber(callback.from, defaultCountry, 'from');
  const to = normalisePhone(callback.to, defaultCountry, 'to').e164;
  const key = { provider: callback.provider, vendorCallId: callback.callId };
  const created = await tx.voiceCall.createMany({
    data: [
      {
        ...key,
        connectionId: callback.connectionId,
        direction: callback.direction,
        status: callback.status,
        fromNumber: from,
        toNumber: to,
        remoteNumber: callback.direction === 'inbound' ? from : to,
        startedAt: new Date(callback.occurredAt),
        durationSeconds: isFinal(callback.status) ? (callback.durationSeconds ?? 0) : null,
        endedAt: isFinal(callback.status) ? new Date(callback.occurredAt) : null,
      },
    ],
    skipDuplicates: true,
  });
  const call = await tx.voiceCall.findFirstOrThrow({ where: key });
  if (created.count === 1) return publishCallOpened(tx, call, origin);
  if (!advances(call.status, callback.status)) return;
  // Compare-and-set on the status read: the row moves once even if two callbacks race.
  const moved = await tx.voiceCall.updateMany({
    where: { id: call.id, status: call.status },
    data: { status: callback.status, ...finalFields(callback) } as Prisma.VoiceCallUpdateManyMutationInput,
  });
  if (moved.count === 1 && isFinal(callback.status)) await publishCallEnded(tx, call, origin);
}

const encodeCursor = (row: CallRow) =>
  Buffer.from(`${row.startedAt.toISOString()}|${row.id}`).toString('base64url');

function afterCursor(cursor: string | undefined): Prisma.VoiceCallWhereInput {
  if (!cursor) return {};
  const [time = '', id = ''] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = new Date(time);
  if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
    throw invalid(
      'cursor: not a cursor this API gave out; pass the nextCursor of the previous page',
      'cursor',
    );
  return { OR: [{ startedAt: { lt: at } }, { startedAt: at, id: { lt: id } }] };
}

function startedBetween({ since, before }: CallListInput): Prisma.VoiceCallWhereInput {
  if (since && before && new Date(since) >= new Date(before))
    throw invalid('before: must be later than since; give a range that holds at least one moment', 'before');
  if (!since && !before) return {};
  return { startedAt: { ...(since && { gte: new Date(since) }), ...(before && { lt: new Date(before) }) } };
}

/**
 * The call log, newest first, filtered by direction, outcome, contact, start time or the other party's
 * number; `unmatched` lists the calls staff can still attach to a contact.
 */
export async function listCalls(tx: OrgTransaction, input: CallListInput): Promise<CallPage> {
  const { defaultCountry } = await getVoiceSettings(tx);
  const remoteNumber = input.phone ? normalisePhone(input.phone, defaultCountry).e164 : undefined;
  const rows = await tx.voiceCall.findMany({
    where: {
      AND: [afterCursor(input.cursor), startedBetween(input)],
      ...(input.unmatched && { contactId: null }),
      ...(input.contactId && { contactId: input.contactId }),
      ...(input.direction && { direction: input.direction }),
      ...(input.outcome && { status: input.outcome }),
      ...(remoteNumber && { remoteNumber }),
    },
    include: withRecordings,
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toCallView),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null,
  };
}

export async function getCall(tx: OrgTransaction, { callId }: ByCallId): Promise<CallView> {
  await callInOrg(tx, callId);
  return toCallView(await tx.voiceCall.findFirstOrThrow({ where: { id: callId }, include: withRecordings }));
}

/**
 * The staff's note. CRM's entry carries it when the call ends (or is attached) afterwards; a note on a
 * call that already ended is published as voice.call.noted, so the entry gets it too.
 */
export async function noteCall(
  tx: OrgTransaction,
  { callId, note }: CallNoteInput,
  staff: { readonly user: { readonly id: string } },
): Promise<CallView> {
  const call = await callInOrg(tx, callId);
  await tx.voiceCall.update({ where: { id: callId }, data: { note } });
  if (call.endedAt)
    await publish(tx, { type: 'voice.call.noted', data: { callId, note, notedBy: staff.user.id } });
  return getCall(tx, { callId });
}
