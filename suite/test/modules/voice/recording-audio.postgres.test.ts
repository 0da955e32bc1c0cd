import { randomUUID } from 'node:crypto';
import { forOrg } from '@suite/db';
import { RECORDING_MP3, type TwilioStandIn } from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffClient } from '../../support/staff-client';
import { CONTOSO, NORTHWIND, type TestSuite } from '../../support/suite-fixture';
import {
  recordedCall as recordedCallIn,
  startVoiceSuite,
  TWILIO_BASIC_AUTH,
  type VoiceSuite,
} from './support/voice-suite';

// The suite's recording audio (`/voice/recordings/<id>/audio`) over real HTTP: the Hub session and
// voice.recordings.read, the org's recording, then the MP3 streamed from a Twilio stand-in that enforces
// HTTP auth on media (private recordings), through the tool layer's vault.

let voice: VoiceSuite;
let fx: TestSuite;
let twilio: TwilioStandIn;
let adam: StaffClient;
let victor: StaffClient;
let dana: StaffClient;

const org = () => forOrg(fx.database.db.app, NORTHWIND);
const audioOf = (recordingId: string) => `/voice/recordings/${recordingId}/audio`;
const mediaRequests = (vendorSid: string) =>
  twilio.requests.filter((request) => request.method === 'GET' && request.path.endsWith(`${vendorSid}.mp3`));

async function refusal(response: Response): Promise<{ status: number; code: string; message: string }> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { code: string; message: string; requestId: string };
  expect(body.requestId).toEqual(expect.any(String));
  expect(body.message).not.toMatch(/\n\s+at |127\.0\.0\.1|Basic |TwilioAuthToken/);
  return { status: response.status, code: body.code, message: body.message };
}

/** A finished call with a recording at Twilio; answers the suite's recording id and Twilio's sid. */
const recordedCall = () => recordedCallIn(fx, '+442079460400', 30);

beforeAll(async () => {
  voice = await startVoiceSuite();
  ({ fx, twilio, adam } = voice);
  // One at a time: parallel sign-ins can outlast the sign-in transaction on a loaded machine.
  victor = await fx.staff('victor@northwind.test', 'voice');
  dana = await fx.staff('dana@northwind.test', 'voice');
});
afterAll(() => voice?.close());

describe('a recording heard through the suite', () => {
  it('streams the private MP3 fetched with the vault credential, never showing the vendor', async () => {
    const { recordingId, vendorSid } = await recordedCall();
    // Twilio serves this account's media only with its credentials.
    const bare = await voice.twilioMedia(vendorSid, { withCredentials: false });
    expect(bare.status).toBe(401);

    const opened = await adam.ok<{ url: string; contentType: string }>(
      'recordings.open',
      { recordingId },
      'query',
    );
    expect(opened).toEqual({ url: audioOf(recordingId), contentType: 'audio/mpeg' });
    const audits = () =>
      org().transaction((tx) =>
        tx.toolsDecryptAudit.count({ where: { purpose: 'recording_media', actorId: 'voice' } }),
      );
    const auditsBefore = await audits();

    const audio = await adam.browser.request(opened.url);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/mpeg');
    expect(audio.headers.get('cache-control')).toBe('private, no-store');
    expect(audio.headers.get('location')).toBeNull();
    expect(Buffer.from(await audio.arrayBuffer()).equals(RECORDING_MP3)).toBe(true);
    const [asked] = mediaRequests(vendorSid).slice(-1);
    expect(asked?.headers.authorization).toBe(TWILIO_BASIC_AUTH);
    expect(await audits()).toBe(auditsBefore + 1);
  });

  it('passes a byte range through for seeking, and says when the range is past the end', async () => {
    const { recordingId } = await recordedCall();
    const part = await adam.browser.request(audioOf(recordingId), { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${RECORDING_MP3.length}`);
    expect(part.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await part.arrayBuffer()).equals(RECORDING_MP3.subarray(100, 200))).toBe(true);

    const past = await adam.browser.request(audioOf(recordingId), { headers: { range: 'bytes=999999-' } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${RECORDING_MP3.length}`);
    await past.arrayBuffer();
  });
});

describe('refusals', () => {
  it('asks a caller without a session to sign in, and names the permission a Viewer lacks', async () => {
    const { recordingId, vendorSid } = await recordedCall();
    const signedOut = await refusal(await fetch(`${fx.suite.url}${audioOf(recordingId)}`));
    expect(signedOut).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(signedOut.message).toMatch(/sign in at \/auth\/login/);

    const viewer = await refusal(await victor.browser.request(audioOf(recordingId)));
    expect(viewer).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(viewer.message).toMatch(/missing permission voice\.recordings\.read/);
    expect(mediaRequests(vendorSid)).toHaveLength(0);
  });

  it("answers 404 for an unknown id, a malformed one, a deleted recording and another org's", async () => {
    const { recordingId, vendorSid } = await recordedCall();
    for (const id of [randomUUID(), 'not-a-recording'])
      expect(await refusal(await adam.browser.request(audioOf(id)))).toMatchObject({
        status: 404,
        code: 'NOT_FOUND',
      });

    // Dana is an Admin of Contoso, which has Voice too: in Contoso, Northwind's recording does not exist.
    await fx.database.db.system.hubOrg.update({
      where: { orgId: CONTOSO },
      data: { products: ['crm', 'psa', 'voice'] },
    });
    const switched = await dana.browser.request('/auth/org', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orgId: CONTOSO }),
    });
    expect(switched.status).toBeLessThan(300);
    expect(await refusal(await dana.browser.request(audioOf(recordingId)))).toMatchObject({ status: 404 });
    expect(mediaRequests(vendorSid)).toHaveLength(0);

    await org().transaction((tx) =>
      tx.voiceRecording.update({ where: { id: recordingId }, data: { deletedAt: new Date() } }),
    );
    expect(await refusal(await adam.browser.request(audioOf(recordingId)))).toMatchObject({ status: 404 });
  });

  it('says clearly when Twilio is down, has lost the recording, or refuses the stored token', async () => {
    const { recordingId, vendorSid } = await recordedCall();
    twilio.state.failNext = 503;
    const down = await refusal(await adam.browser.request(audioOf(recordingId)));
    expect(down).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(down.message).toMatch(/Twilio is not serving the recording properly; try again later/);

    twilio.deletedRecordings.add(vendorSid);
    const gone = await refusal(await adam.browser.request(audioOf(recordingId)));
    expect(gone).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(gone.message).toMatch(/Twilio no longer has this recording/);
    twilio.deletedRecordings.delete(vendorSid);

    await voice.whileTwilioRefusesToken(async () => {
      const revoked = await refusal(await adam.browser.request(audioOf(recordingId)));
      expect(revoked).toMatchObject({ status: 424, code: 'VENDOR_CONNECTION' });
      expect(revoked.message).toMatch(/connect Twilio again in Settings → Integrations/);
    });
  });
});
