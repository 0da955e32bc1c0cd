import { forOrg } from '@suite/db';
import { connectOAuth, type HubspotStandIn, startHubspotStandIn } from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO, NORTHWIND, type TestSuite } from '../../support/suite-fixture';
import { callSid, statusChanged } from './support/call-callbacks';
import {
  deliverToVoice,
  recordCall,
  runVoiceJob,
  startVoiceSuite,
  type VoiceSuite,
  voiceCallOf,
} from './support/voice-suite';

// Ended calls are logged to the org's external CRM (HubSpot here, through its stand-in) by the
// voice.crm-call-log job: once per call, with the suite's recording link (sent to the same activity when
// the recording comes later), retried after a vendor failure, never for an org on our CRM.

let voice: VoiceSuite;
let fx: TestSuite;
let hubspot: HubspotStandIn;

const runCallLog = () => runVoiceJob(fx, 'voice.crm-call-log');
const callsAtHubspot = (from: string) =>
  hubspot.calls().filter((call) => call.properties.hs_call_from_number === from);
const patchesAtHubspot = (activityId: string) =>
  hubspot.requests.filter(
    (request) => request.method === 'PATCH' && request.path === `/crm/v3/objects/calls/${activityId}`,
  ).length;
/** The suite's own link to a recording, as staff open it from the vendor CRM. */
const suiteLink = (recordingId: string) => `${fx.suite.publicUrl}/voice/recordings/${recordingId}`;

/** Twilio's `completed` callback for an inbound call from `from`, handled by Voice; answers Voice's call. */
async function endedCall(from: string, sid = callSid(), orgId = NORTHWIND) {
  await deliverToVoice(fx, statusChanged(sid, 'completed', { from, duration: 40 }), orgId);
  return { ...(await voiceCallOf(fx, sid, orgId)), sid };
}
const stored = (id: string) => fx.database.db.system.voiceCall.findUniqueOrThrow({ where: { id } });
/** A run that reached HubSpot but died before Voice committed: the call is due again as it was. */
const diedBeforeCommit = (id: string, crmLog: 'recording_pending' | null) =>
  fx.database.db.system.voiceCall.update({ where: { id }, data: { crmLog } });

beforeAll(async () => {
  hubspot = await startHubspotStandIn();
  voice = await startVoiceSuite();
  fx = voice.fx;
  const northwind = forOrg(fx.database.db.app, NORTHWIND);
  expect(await connectOAuth(northwind, 'hubspot', hubspot.url, {})).toMatchObject({ ok: true });
});
afterAll(async () => {
  await voice?.close();
  await hubspot?.close();
});

describe('external CRM call logging', () => {
  it('logs an ended call to HubSpot once, though the job runs again, the callback is redelivered and a run crashed', async () => {
    const call = await endedCall('+442079460400');
    expect(await runCallLog()).toMatch(/^\d+ call\(s\) logged to external CRMs/);
    expect(callsAtHubspot('+442079460400')).toHaveLength(1);
    expect(callsAtHubspot('+442079460400')[0]?.properties).toMatchObject({
      hs_call_direction: 'INBOUND',
      hs_call_status: 'COMPLETED',
      hs_call_duration: '40000',
      hs_call_to_number: '+14155550100',
      hs_timestamp: call.endedAt?.toISOString(),
    });
    const logged = await stored(call.id);
    expect(logged).toMatchObject({ crmLog: 'logged', crmRecordId: callsAtHubspot('+442079460400')[0]?.id });

    await endedCall('+442079460400', call.sid);
    await runCallLog();
    expect(callsAtHubspot('+442079460400')).toHaveLength(1);

    // The call id key answers the retry of a run that created the activity.
    await diedBeforeCommit(call.id, null);
    await runCallLog();
    expect(callsAtHubspot('+442079460400')).toHaveLength(1);
    expect(await stored(call.id)).toMatchObject({ crmLog: 'logged', crmRecordId: logged.crmRecordId });
  });

  it("sends the suite's recording link with a call whose recording was ready before the job ran", async () => {
    const call = await endedCall('+442079460403');
    const { recordingId, vendorSid } = await recordCall(fx, call.sid);
    await runCallLog();
    const [activity, ...more] = callsAtHubspot('+442079460403');
    expect(more).toHaveLength(0);
    expect(activity?.properties.hs_call_recording_url).toBe(suiteLink(recordingId));
    expect(activity?.properties.hs_call_recording_url).toMatch(/^https?:\/\//);
    expect(JSON.stringify(activity)).not.toContain(vendorSid);
    expect(await stored(call.id)).toMatchObject({ crmLog: 'logged', crmRecordId: activity?.id });
  });

  it('adds a recording ready after the call was logged to the same activity, once', async () => {
    const call = await endedCall('+442079460404');
    await runCallLog();
    const [activity] = callsAtHubspot('+442079460404');
    expect(activity?.properties.hs_call_recording_url).toBeUndefined();

    const { recordingId } = await recordCall(fx, call.sid);
    expect((await stored(call.id)).crmLog).toBe('recording_pending');
    expect(await runCallLog()).toMatch(/, [1-9]\d* recording link\(s\) added, /);
    expect(callsAtHubspot('+442079460404')).toHaveLength(1);
    expect(hubspot.stored('calls', String(activity?.id))?.properties).toMatchObject({
      hs_call_recording_url: suiteLink(recordingId),
      hs_call_status: 'COMPLETED',
    });
    expect(patchesAtHubspot(String(activity?.id))).toBe(1);
    expect(await stored(call.id)).toMatchObject({ crmLog: 'logged', crmRecordId: activity?.id });

    await runCallLog();
    // The key answers the retry of a run that sent the link, without a PATCH.
    await diedBeforeCommit(call.id, 'recording_pending');
    await runCallLog();
    expect(patchesAtHubspot(String(activity?.id))).toBe(1);
    expect(callsAtHubspot('+442079460404')).toHaveLength(1);
    expect((await stored(call.id)).crmLog).toBe('logged');
  });

  it('updates the activity with a second recording of a call already linked, once', async () => {
    const call = await endedCall('+442079460405');
    await recordCall(fx, call.sid);
    await runCallLog();
    const [activity] = callsAtHubspot('+442079460405');
    const patches = () => patchesAtHubspot(String(activity?.id));

    const { recordingId: second } = await recordCall(fx, call.sid);
    expect((await stored(call.id)).crmLog).toBe('recording_pending');
    expect(await runCallLog()).toMatch(/, [1-9]\d* recording link\(s\) added, /);
    expect(hubspot.stored('calls', String(activity?.id))?.properties.hs_call_recording_url).toBe(
      suiteLink(second),
    );
    expect(patches()).toBe(1);

    // The second link's key answers the retry of a run that sent it, without a PATCH.
    await diedBeforeCommit(call.id, 'recording_pending');
    await runCallLog();
    expect(patches()).toBe(1);
    expect(callsAtHubspot('+442079460405')).toHaveLength(1);
    expect(await stored(call.id)).toMatchObject({ crmLog: 'logged', crmRecordId: activity?.id });
  });

  it('keeps a call HubSpot refused and logs it on the next run', async () => {
    hubspot.state.outage = true;
    let call: Awaited<ReturnType<typeof endedCall>>;
    try {
      call = await endedCall('+442079460401');
      expect(await runCallLog()).toMatch(/, [1-9]\d* to retry, /);
      expect(callsAtHubspot('+442079460401')).toHaveLength(0);
      expect((await stored(call.id)).crmLog).toBeNull();
    } finally {
      hubspot.state.outage = false;
    }
    expect(await runCallLog()).toMatch(/, 0 to retry, /);
    expect(callsAtHubspot('+442079460401')).toHaveLength(1);
    expect((await stored(call.id)).crmLog).toBe('logged');
  });

  it('sends nothing for an org that keeps its customers in our CRM', async () => {
    const requestsBefore = hubspot.requests.length;
    const call = await endedCall('+442079460402', callSid(), CONTOSO);
    expect(await runCallLog()).toMatch(/, [1-9]\d* without one, /);
    expect(hubspot.requests.length).toBe(requestsBefore);
    expect((await stored(call.id)).crmLog).toBe('skipped');
  });
});
