import type { publish } from '@suite/bus';
import { withPublishLockHeld } from '@suite/bus/testing';
import {
  voiceCallAttached,
  voiceCallEnded,
  voiceCallNoted,
  voiceCallStarted,
  voiceRecordingReady,
} from '@suite/contracts';
import { forOrg } from '@suite/db';
import { TWILIO_SID, TWILIO_TOKEN, type TwilioStandIn, twilioDelivery } from '@suite/tools/testing';
import twilioSdk from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffClient } from '../../support/staff-client';
import { eventually, NORTHWIND, type TestSuite } from '../../support/suite-fixture';
import { createCompany } from '../crm/support/crm-data';
import {
  callSid,
  ORG_NUMBER,
  recordingCompleted,
  recordingSid,
  statusChanged,
} from './support/call-callbacks';
import {
  deliverToVoice,
  handledByVoice,
  startVoiceSuite,
  type VoiceSuite,
  voiceCallOf,
} from './support/voice-suite';

// Calls from the tool layer's normalised Twilio events through Voice to CRM's timeline, in one suite.

interface CallRow {
  id: string;
  status: string;
  direction: string;
  contactId: string | null;
  staffUserId: string | null;
  durationSeconds: number | null;
  outcome: string | null;
  recordingUrl: string | null;
}
interface MatchRow {
  match: string;
  e164: string;
  candidates: { contactId: string; name: string; companyId: string }[];
  createContact: { phone: string } | null;
  call: CallRow;
}
type Event = Parameters<typeof publish>[1];

let voice: VoiceSuite;
let fx: TestSuite;
let twilio: TwilioStandIn;
let olivia: StaffClient;
let adam: StaffClient;
let mia: StaffClient;
let grace: StaffClient;
let victor: StaffClient;
let companyId: string;
let webhookUrl: string;
const contacts: Record<string, string> = {};

const ANA = '+442079460018';
const SHARED = '+442079460123';

const deliver = (event: Event) => deliverToVoice(fx, event);
const callOf = (vendorCallId: string) => voiceCallOf(fx, vendorCallId);
/** Resolves once `count` of this database's transactions wait for a lock (pg_locks: any role's). */
const lockWaits = (count: number) =>
  eventually(`${count} transaction(s) waiting for a lock`, async () => {
    const [row] = await fx.database.db.system.$queryRaw<{ waiting: number }[]>`
      SELECT count(DISTINCT pid)::int AS waiting FROM pg_locks
      WHERE NOT granted AND pid IN (SELECT pid FROM pg_stat_activity WHERE datname = current_database())`;
    return (row?.waiting ?? 0) >= count;
  });
const eventsOf = (type: string, callId: string) =>
  fx.received.filter((event) => event.type === type && (event.data as { callId: string }).callId === callId);
const callActivities = (callId: string) =>
  forOrg(fx.database.db.app, NORTHWIND).transaction((tx) =>
    tx.crmActivity.findMany({ where: { kind: 'call', sourceKey: `voice.call:${callId}` } }),
  );
async function addContact(name: string, phones: Record<string, unknown>): Promise<string> {
  const contact = await olivia
    .on('crm')
    .ok<{ id: string }>('contacts.create', { companyId, name, ...phones });
  contacts[name] = contact.id;
  return contact.id;
}

beforeAll(async () => {
  voice = await startVoiceSuite({
    observe: [voiceCallStarted, voiceCallEnded, voiceCallAttached, voiceRecordingReady, voiceCallNoted],
  });
  ({ fx, twilio, adam } = voice);
  const signIn = (name: string) => fx.staff(`${name}@northwind.test`, 'voice');
  [olivia, mia, grace, victor] = await Promise.all([
    signIn('olivia'),
    signIn('mia'),
    signIn('grace'),
    signIn('victor'),
  ]);
  const connection = await fx.database.db.system.toolsConnection.findFirstOrThrow({
    where: { orgId: NORTHWIND, provider: 'twilio' },
  });
  webhookUrl = `${fx.suite.url}/tools/webhooks/twilio/${connection.id}`;
  await olivia.on('crm').ok('settings.update', { defaultCountry: 'GB' });
  companyId = (await createCompany(olivia.on('crm'), 'Fabrikam Voice')).id;
  await addContact('Ana Lopez', { phone: '020 7946 0018' });
  await addContact('Ben Shared', { mobile: '020 7946 0123' });
  await addContact('Bea Shared', { otherPhones: ['+44 (0)20 7946 0123 ext. 4'] });
});
afterAll(() => voice?.close());

describe('an inbound call', () => {
  it('is matched when it rings, logged once on the timeline when it ends, and gets its recording link', async () => {
    const sid = callSid();
    await deliver(statusChanged(sid, 'ringing', { from: ANA }));
    const call = await callOf(sid);
    const match = await mia.ok<MatchRow>('calls.match', { callId: call.id });
    expect(match).toMatchObject({ match: 'one', e164: ANA, createContact: null });
    expect(match.call).toMatchObject({ contactId: contacts['Ana Lopez'], staffUserId: expect.any(String) });
    await mia.ok('calls.note', { callId: call.id, note: 'Wants a quote for 12 laptops' });
    await deliver(statusChanged(sid, 'answered', { from: ANA }));
    await deliver(statusChanged(sid, 'completed', { from: ANA, duration: 95 }));

    const entry = await eventually('the call on the timeline', async () =>
      (await callActivities(call.id)).at(0),
    );
    expect(entry).toMatchObject({ companyId, title: 'Call from Ana Lopez · 1m 35s · completed' });
    expect(entry?.detail).toMatchObject({
      direction: 'inbound',
      durationSeconds: 95,
      outcome: 'completed',
      contactId: contacts['Ana Lopez'],
      note: 'Wants a quote for 12 laptops',
      recordingUrl: null,
    });

    await deliver(recordingCompleted(sid, recordingSid(), 95));
    const ready = await eventually(
      'voice.recording.ready',
      async () => eventsOf('voice.recording.ready', call.id)[0],
    );
    const { url, recordingId } = ready.data as { url: string; recordingId: string };
    expect(url).toBe(`/voice/recordings/${recordingId}`);
    const entries = await eventually('the link on the same entry', async () => {
      const rows = await callActivities(call.id);
      return (rows[0]?.detail as { recordingUrl?: string } | undefined)?.recordingUrl ? rows : undefined;
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.detail).toMatchObject({ recordingUrl: url });
    expect(eventsOf('voice.call.started', call.id)).toHaveLength(1);
    expect(eventsOf('voice.call.ended', call.id)).toHaveLength(1);

    // The link opens for an admin: the suite's audio stream, never the vendor's address.
    const media = await adam.ok<{ url: string }>('recordings.open', { recordingId }, 'query');
    expect(media.url).toBe(`/voice/recordings/${recordingId}/audio`);
    const audio = await adam.browser.request(media.url);
    expect([audio.status, audio.headers.get('content-type')]).toEqual([200, 'audio/mpeg']);
  });

  it('gets its recording link though the recording arrives while the end of the call commits', async () => {
    const sid = callSid();
    await deliver(statusChanged(sid, 'ringing', { from: ANA }));
    const call = await callOf(sid);
    await mia.ok('calls.match', { callId: call.id });
    // Both callbacks stop at their publish on the call's key, the recording's first: the order in which
    // the end of the call, reading before the recording commits, would lose the link on the timeline
    // unless the recording waits for the call's row.
    const callKey = { topic: voiceCallEnded.topic, key: call.id };
    const envelopes = await withPublishLockHeld(fx.database.db, callKey, async () => {
      const recorded = await fx.publishAs(recordingCompleted(sid, recordingSid(), 60));
      await lockWaits(1);
      const ended = await fx.publishAs(statusChanged(sid, 'completed', { from: ANA, duration: 60 }));
      await lockWaits(2);
      return [recorded, ended];
    });
    for (const envelope of envelopes) await handledByVoice(fx, envelope);

    const ready = await eventually('voice.recording.ready', async () =>
      eventsOf('voice.recording.ready', call.id).at(0),
    );
    const { url } = ready.data as { url: string };
    const entries = await eventually('the link on the entry', async () => {
      const rows = await callActivities(call.id);
      return (rows[0]?.detail as { recordingUrl?: string } | undefined)?.recordingUrl ? rows : undefined;
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.detail).toMatchObject({ recordingUrl: url, durationSeconds: 60 });
  });

  it('takes a note written after the call ended onto the same timeline entry', async () => {
    const sid = callSid();
    await deliver(statusChanged(sid, 'ringing', { from: ANA }));
    const call = await callOf(sid);
    await mia.ok('calls.match', { callId: call.id });
    await deliver(statusChanged(sid, 'completed', { from: ANA, duration: 42 }));
    await eventually('the call on the timeline', async () => (await callActivities(call.id)).at(0));
    await mia.ok('calls.note', { callId: call.id, note: 'Call back Tuesday with the quote' });
    const entries = await eventually('the note on the entry', async () => {
      const rows = await callActivities(call.id);
      return (rows[0]?.detail as { note?: string | null } | undefined)?.note ? rows : undefined;
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.detail).toMatchObject({
      note: 'Call back Tuesday with the quote',
      durationSeconds: 42,
    });
  });

  it('survives duplicate and out-of-order callbacks: completed first, then answered, ringing, completed again', async () => {
    const sid = callSid();
    await deliver(statusChanged(sid, 'completed', { from: ANA, duration: 30 }));
    await deliver(statusChanged(sid, 'answered', { from: ANA }));
    await deliver(statusChanged(sid, 'ringing', { from: ANA }));
    await deliver(statusChanged(sid, 'completed', { from: ANA, duration: 31 }));
    await deliver(statusChanged(sid, 'busy', { from: ANA }));
    const call = await callOf(sid);
    expect(call).toMatchObject({ status: 'completed', durationSeconds: 30 });
    expect(eventsOf('voice.call.started', call.id)).toHaveLength(1);
    await eventually('voice.call.ended', async () => eventsOf('voice.call.ended', call.id)[0]);
    expect(eventsOf('voice.call.ended', call.id)).toHaveLength(1);
    expect(eventsOf('voice.call.ended', call.id)[0]?.data).toMatchObject({
      durationSeconds: 30,
      outcome: 'completed',
    });
  });

  it('from a number two contacts share offers both, and the staff choice matches the next call directly', async () => {
    const first = callSid();
    await deliver(statusChanged(first, 'ringing', { from: SHARED }));
    const firstCall = await callOf(first);
    const offered = await mia.ok<MatchRow>('calls.match', { callId: firstCall.id });
    expect(offered.match).toBe('several');
    expect(offered.candidates.map((c) => c.name).sort()).toEqual(['Bea Shared', 'Ben Shared']);
    expect(offered.call.contactId).toBeNull();
    const chosen = await mia.ok<CallRow>('calls.attach', {
      callId: firstCall.id,
      contactId: contacts['Bea Shared'],
    });
    expect(chosen.contactId).toBe(contacts['Bea Shared']);

    const next = callSid();
    await deliver(statusChanged(next, 'ringing', { from: SHARED }));
    const nextCall = await callOf(next);
    const direct = await mia.ok<MatchRow>('calls.match', { callId: nextCall.id });
    expect(direct.match).toBe('remembered');
    expect(direct.candidates[0]?.name).toBe('Bea Shared');
    expect(direct.call.contactId).toBe(contacts['Bea Shared']);
  });

  it('from an unknown number stays unmatched in Voice, offers "create contact", and is attached later', async () => {
    const stranger = '+442079460999';
    const sid = callSid();
    await deliver(statusChanged(sid, 'ringing', { from: stranger }));
    const call = await callOf(sid);
    const none = await mia.ok<MatchRow>('calls.match', { callId: call.id });
    expect(none).toMatchObject({ match: 'none', candidates: [], createContact: { phone: stranger } });
    await deliver(statusChanged(sid, 'completed', { from: stranger, duration: 12 }));
    await eventually('voice.call.ended', async () => eventsOf('voice.call.ended', call.id)[0]);
    const unmatched = await victor.ok<{ items: CallRow[] }>('calls.list', { unmatched: true }, 'query');
    expect(unmatched.items.map((c) => c.id)).toContain(call.id);
    expect(await callActivities(call.id)).toEqual([]);

    const refused = await mia.mutate('calls.attach', { callId: call.id, contactId: contacts['Ana Lopez'] });
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/^contactId: contact .* has no phone number \+442079460999 in CRM/);

    const newcomer = await addContact('Nina New', { phone: '020 7946 0999' });
    await mia.ok('calls.attach', { callId: call.id, contactId: newcomer });
    const entry = await eventually('the attached call on the timeline', async () =>
      (await callActivities(call.id)).at(0),
    );
    expect(entry?.detail).toMatchObject({ contactId: newcomer, durationSeconds: 12, outcome: 'completed' });
    const again = await mia.mutate('calls.attach', { callId: call.id, contactId: newcomer });
    expect(again.status).toBe(409);
  });
});

describe('a caller who withheld their number', () => {
  it.each(['anonymous', '+266696687', 'restricted'])(
    'presented as %j is logged unmatched, with no error, and match offers nothing',
    async (presented) => {
      const sid = callSid();
      await deliver(statusChanged(sid, 'ringing', { from: presented }));
      await deliver(statusChanged(sid, 'completed', { from: presented, duration: 20 }));
      const call = await callOf(sid);
      expect(call).toMatchObject({ status: 'completed', fromNumber: 'withheld', contactId: null });
      const ended = await eventually(
        'voice.call.ended',
        async () => eventsOf('voice.call.ended', call.id)[0],
      );
      expect(ended.data).toMatchObject({ from: null, contactId: null, durationSeconds: 20 });
      const match = await mia.ok<MatchRow>('calls.match', { callId: call.id });
      expect(match).toMatchObject({ match: 'none', candidates: [], createContact: null });
      const refused = await mia.mutate('calls.attach', { callId: call.id, contactId: contacts['Ana Lopez'] });
      expect(refused.status).toBe(409);
      expect(refused.message).toMatch(/withheld their number/);
    },
  );
});

describe('click-to-call', () => {
  it('asks Twilio to ring the staff phone and bridge it to the contact, once per click, logged like any call', async () => {
    const click = {
      to: '020 7946 0018',
      staffPhone: '+1 415 555 0111',
      contactId: contacts['Ana Lopez'],
      idempotencyKey: 'click-ana-0001',
    };
    const placed = await mia.ok<CallRow>('calls.place', click);
    const retried = await mia.ok<CallRow>('calls.place', click);
    expect(retried.id).toBe(placed.id);
    expect(twilio.calls.size).toBe(1);
    const [sent] = [...twilio.calls.values()];
    expect(sent).toMatchObject({ to: '+14155550111', from: ORG_NUMBER });
    expect(sent?.twiml).toContain(`<Number>${ANA}</Number>`);
    expect(sent?.twiml).toContain('record="record-from-answer-dual"');
    expect(placed).toMatchObject({
      direction: 'outbound',
      status: 'initiated',
      contactId: contacts['Ana Lopez'],
    });

    const outbound = { from: ORG_NUMBER, to: '+14155550111', direction: 'outbound' as const };
    await deliver(statusChanged(String(sent?.sid), 'answered', outbound));
    await deliver(statusChanged(String(sent?.sid), 'completed', { ...outbound, duration: 240 }));
    const entry = await eventually('the outbound call on the timeline', async () =>
      (await callActivities(placed.id)).at(0),
    );
    expect(entry).toMatchObject({ title: 'Call to Ana Lopez · 4m 0s · completed' });
    expect(entry?.detail).toMatchObject({ direction: 'outbound', to: ANA, durationSeconds: 240 });
  });

  it('needs voice.calls.make: a Viewer and a Member whose Hub grant denies it are refused, nothing is placed', async () => {
    const before = twilio.calls.size;
    const click = { to: '020 7946 0018', staffPhone: '+1 415 555 0111', idempotencyKey: 'click-refused-01' };
    for (const staff of [victor, grace]) {
      const refused = await staff.mutate('calls.place', click);
      expect(refused.status).toBe(403);
      expect(refused.message).toMatch(/missing permission voice\.calls\.make/);
    }
    expect(twilio.calls.size).toBe(before);
  });
});

describe('permissions on call logs and recordings', () => {
  it('a Viewer sees call logs but cannot open a recording; an Admin can', async () => {
    const sid = callSid();
    await deliver(statusChanged(sid, 'completed', { from: ANA, duration: 5 }));
    await deliver(recordingCompleted(sid, recordingSid(), 5));
    const call = await callOf(sid);
    const ready = await eventually(
      'voice.recording.ready',
      async () => eventsOf('voice.recording.ready', call.id)[0],
    );
    const { recordingId } = ready.data as { recordingId: string };
    const log = await victor.ok<CallRow>('calls.get', { callId: call.id }, 'query');
    expect(log).toMatchObject({ durationSeconds: 5, recordingUrl: `/voice/recordings/${recordingId}` });
    const refused = await victor.query('recordings.open', { recordingId });
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/missing permission voice\.recordings\.read/);
    expect((await adam.query('recordings.open', { recordingId })).status).toBe(200);
  });
});

describe('the call log', () => {
  it('filters by direction, outcome, contact and start time, and refuses a backwards range naming it', async () => {
    const start = new Date().toISOString();
    const [busy, outbound, ringing] = [callSid(), callSid(), callSid()];
    await deliver(statusChanged(busy, 'busy', { from: SHARED }));
    await deliver(statusChanged(outbound, 'completed', { from: ORG_NUMBER, to: ANA, direction: 'outbound' }));
    await deliver(statusChanged(ringing, 'ringing', { from: ANA }));
    const [busyCall, outboundCall, anaCall] = [
      await callOf(busy),
      await callOf(outbound),
      await callOf(ringing),
    ];
    await mia.ok('calls.match', { callId: anaCall.id });
    const ids = async (filter: Record<string, unknown>) =>
      (await victor.ok<{ items: { id: string }[] }>('calls.list', filter, 'query')).items.map((c) => c.id);

    expect((await ids({ since: start })).sort()).toEqual([busyCall.id, outboundCall.id, anaCall.id].sort());
    expect(await ids({ since: start, outcome: 'busy' })).toEqual([busyCall.id]);
    expect(await ids({ since: start, direction: 'outbound' })).toEqual([outboundCall.id]);
    expect(await ids({ since: start, direction: 'inbound', outcome: 'completed' })).toEqual([]);
    expect(await ids({ since: start, contactId: contacts['Ana Lopez'] })).toEqual([anaCall.id]);
    expect(await ids({ before: start })).not.toContain(busyCall.id);

    const backwards = await victor.query('calls.list', { since: start, before: start });
    expect(backwards.status).toBe(400);
    expect(backwards.message).toMatch(/^before: must be later than since/);
  });
});

describe("CRM contacts' phone fields", () => {
  const phonesOf = (name: string) =>
    forOrg(fx.database.db.app, NORTHWIND).transaction((tx) =>
      tx.crmContactPhone.findMany({
        where: { contact: { name } },
        select: { kind: true, e164: true, extension: true },
        orderBy: { kind: 'asc' },
      }),
    );

  it('are all indexed in E.164 (work, mobile, additional), read in the org default country', async () => {
    await addContact('Pat Phones', {
      phone: '020 7946 0200',
      mobile: '+1 (415) 555-0142',
      otherPhones: ['020 7946 0201 ext. 33'],
    });
    expect(await phonesOf('Pat Phones')).toEqual([
      { kind: 'work', e164: '+442079460200', extension: null },
      { kind: 'mobile', e164: '+14155550142', extension: null },
      { kind: 'additional', e164: '+442079460201', extension: '33' },
    ]);
  });

  it('refuse garbage in any field with a clear error, storing nothing half-normalised', async () => {
    const crm = olivia.on('crm');
    const refused = await crm.mutate('contacts.create', {
      companyId,
      name: 'Gary Garbage',
      phone: '020 7946 0300',
      otherPhones: ['+44 20 7946 0301', 'call my assistant'],
    });
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/^otherPhones\.1: "call my assistant" is not a phone number/);
    expect(await phonesOf('Gary Garbage')).toEqual([]);

    const kept = await crm.mutate('contacts.update', { contactId: contacts['Ana Lopez'], mobile: '12' });
    expect(kept.status).toBe(400);
    expect(kept.message).toMatch(/^mobile: "12" is not a valid number in GB/);
    expect(await phonesOf('Ana Lopez')).toEqual([{ kind: 'work', e164: ANA, extension: null }]);
  });
});

describe("through Twilio's signed webhooks", () => {
  /** Posts a callback as Twilio does: form body, X-Twilio-Signature over the URL and sorted parameters. */
  async function twilioPosts(params: Record<string, string>, token = TWILIO_TOKEN): Promise<Response> {
    const delivery = twilioDelivery(token, webhookUrl, params);
    // The signature is Twilio's own: the `twilio` package's validator accepts it with the real token only.
    const valid = twilioSdk.validateRequest(
      TWILIO_TOKEN,
      delivery.headers['x-twilio-signature'] ?? '',
      webhookUrl,
      params,
    );
    expect(valid).toBe(token === TWILIO_TOKEN);
    return fetch(webhookUrl, { method: 'POST', headers: delivery.headers, body: delivery.body });
  }
  const status = (sid: string, callStatus: string, extra: Record<string, string> = {}) => ({
    AccountSid: TWILIO_SID,
    CallSid: sid,
    CallStatus: callStatus,
    Direction: 'inbound',
    From: ANA,
    To: ORG_NUMBER,
    ...extra,
  });

  it('a full inbound call with a recording lands on the timeline with its duration and link', async () => {
    const sid = callSid();
    expect((await twilioPosts(status(sid, 'ringing', { SequenceNumber: '0' }))).status).toBe(200);
    const call = await callOf(sid);
    expect((await mia.ok<MatchRow>('calls.match', { callId: call.id })).match).toBe('one');
    expect((await twilioPosts(status(sid, 'in-progress', { SequenceNumber: '1' }))).status).toBe(200);
    const done = status(sid, 'completed', { SequenceNumber: '2', CallDuration: '187' });
    expect((await twilioPosts(done)).status).toBe(200);
    expect((await twilioPosts(done)).status).toBe(200); // Twilio retries: the same callback again
    const recording = {
      AccountSid: TWILIO_SID,
      CallSid: sid,
      RecordingSid: recordingSid(),
      RecordingStatus: 'completed',
      RecordingDuration: '180',
    };
    expect((await twilioPosts(recording)).status).toBe(200);

    const entry = await eventually('the call with its recording on the timeline', async () => {
      const [row] = await callActivities(call.id);
      return (row?.detail as { recordingUrl?: string } | undefined)?.recordingUrl ? row : undefined;
    });
    expect(entry.title).toBe('Call from Ana Lopez · 3m 7s · completed');
    expect(entry.detail).toMatchObject({
      durationSeconds: 187,
      recordingUrl: expect.stringMatching(/^\/voice\/recordings\//),
    });
    expect(await callActivities(call.id)).toHaveLength(1);
    expect(eventsOf('voice.call.ended', call.id)).toHaveLength(1);
  });

  it('an outbound click-to-call is followed by its callbacks to the end', async () => {
    const placed = await mia.ok<CallRow>('calls.place', {
      to: ANA,
      staffPhone: '+14155550111',
      contactId: contacts['Ana Lopez'],
      idempotencyKey: 'click-webhook-01',
    });
    const sent = [...twilio.calls.values()].at(-1);
    const outbound = { Direction: 'outbound-api', From: ORG_NUMBER, To: '+14155550111' };
    for (const [callStatus, extra] of [
      ['initiated', {}],
      ['ringing', {}],
      ['in-progress', {}],
      ['completed', { CallDuration: '61' }],
    ] as const)
      expect(
        (await twilioPosts(status(String(sent?.sid), callStatus, { ...outbound, ...extra }))).status,
      ).toBe(200);
    const entry = await eventually('the outbound call on the timeline', async () =>
      (await callActivities(placed.id)).at(0),
    );
    expect(entry.detail).toMatchObject({
      direction: 'outbound',
      to: ANA,
      durationSeconds: 61,
      outcome: 'completed',
    });
  });

  it('a callback with an empty From (a withheld caller) is accepted and the call kept unmatched', async () => {
    const sid = callSid();
    const withheld = status(sid, 'completed', { From: '', CallDuration: '14' });
    expect((await twilioPosts(withheld)).status).toBe(200);
    const call = await callOf(sid);
    expect(call).toMatchObject({ fromNumber: 'withheld', contactId: null, durationSeconds: 14 });
  });

  it('a forged signature is refused and changes nothing', async () => {
    const sid = callSid();
    const forged = await twilioPosts(
      status(sid, 'completed', { CallDuration: '9' }),
      'NotTheAuthTokenOfThisAccount000',
    );
    expect(forged.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const row = await forOrg(fx.database.db.app, NORTHWIND).transaction((tx) =>
      tx.voiceCall.findFirst({ where: { vendorCallId: sid } }),
    );
    expect(row).toBeNull();
  });
});
