import { forOrg } from '@suite/db';
import { forgetPerson } from '@suite/tools';
import type { TwilioStandIn } from '@suite/tools/testing';
import { voiceModule } from '@suite/voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffClient } from '../../support/staff-client';
import { NORTHWIND, type TestSuite } from '../../support/suite-fixture';
import { recordedCall, runVoiceJob, startVoiceSuite, type VoiceSuite } from './support/voice-suite';

// Recordings leave the suite on retention or erasure, and their media is then deleted at Twilio
// (through the tool layer's delete_recording), after which Twilio answers 404 for it.

let voice: VoiceSuite;
let fx: TestSuite;
let twilio: TwilioStandIn;
let adam: StaffClient;

const org = () => forOrg(fx.database.db.app, NORTHWIND);
const runRetention = () => runVoiceJob(fx, 'voice.recording-retention');
/** The suite keeps recordings 30 days (startVoiceSuite): this one was ready 31 days ago. */
const pastRetention = (recordingId: string) =>
  fx.database.db.system.voiceRecording.update({
    where: { id: recordingId },
    data: { readyAt: new Date(Date.now() - 31 * 86_400_000) },
  });
const deletesAtTwilio = (sid: string) =>
  twilio.requests.filter((request) => request.method === 'DELETE' && request.path.includes(sid)).length;

beforeAll(async () => {
  voice = await startVoiceSuite();
  ({ fx, twilio, adam } = voice);
});
afterAll(() => voice?.close());

describe('recording retention', () => {
  it('deletes an expired recording at Twilio once, which then answers 404, and its suite link is gone', async () => {
    const old = await recordedCall(fx, '+442079460300');
    const recent = await recordedCall(fx, '+442079460301');
    expect((await voice.twilioMedia(old.vendorSid)).status).toBe(200);
    await pastRetention(old.recordingId);

    expect(await runRetention()).toMatch(
      /^expired 1 recording\(s\) in \d+ org\(s\); 1 deleted at the vendor$/,
    );
    expect(twilio.deletedRecordings.has(old.vendorSid)).toBe(true);
    expect((await voice.twilioMedia(old.vendorSid)).status).toBe(404);
    expect((await adam.query('recordings.open', { recordingId: old.recordingId })).status).toBe(404);
    expect(
      await fx.database.db.system.voiceRecording.findUnique({ where: { id: old.recordingId } }),
    ).toBeNull();

    expect(await runRetention()).toMatch(/; 0 deleted at the vendor$/);
    expect(deletesAtTwilio(old.vendorSid)).toBe(1);
    expect(twilio.deletedRecordings.has(recent.vendorSid)).toBe(false);
    expect((await adam.query('recordings.open', { recordingId: recent.recordingId })).status).toBe(200);
  });

  it('keeps the reference and retries when Twilio refuses, deleting it on a later run', async () => {
    const expiring = await recordedCall(fx, '+442079460302');
    await pastRetention(expiring.recordingId);
    await voice.whileTwilioRefusesToken(async () => {
      expect(await runRetention()).toMatch(/0 deleted at the vendor, 1 to retry$/);
      expect(await fx.database.db.system.voiceRecording.count({ where: { id: expiring.recordingId } })).toBe(
        1,
      );
    });
    expect((await adam.query('recordings.open', { recordingId: expiring.recordingId })).status).toBe(404);
    expect(await runRetention()).toMatch(/1 deleted at the vendor$/);
    expect((await voice.twilioMedia(expiring.vendorSid)).status).toBe(404);
  });
});

describe('right to erasure', () => {
  it("takes the person's recordings out of the suite at once and deletes their media at Twilio on the next run", async () => {
    const erased = await recordedCall(fx, '+442079460303');
    const report = await forgetPerson(org(), [voiceModule], { phone: '+442079460303' }, { actor: 'cli:dpo' });
    expect(report.steps).toContainEqual({
      step: 'module voice',
      outcome: 'done',
      detail: '1 call number removed, 1 recording reference',
    });
    expect((await adam.query('recordings.open', { recordingId: erased.recordingId })).status).toBe(404);
    expect(await runRetention()).toMatch(/1 deleted at the vendor$/);
    expect((await voice.twilioMedia(erased.vendorSid)).status).toBe(404);
    expect(await fx.database.db.system.voiceRecording.count({ where: { id: erased.recordingId } })).toBe(0);
  });
});
