import { crmModule } from '@suite/crm';
import { forOrg } from '@suite/db';
import { forgetPerson, toolsModule } from '@suite/tools';
import {
  connect,
  startTwilioStandIn,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioStandIn,
  testKeyring,
} from '@suite/tools/testing';
import { voiceModule } from '@suite/voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger';
import type { StaffClient } from '../../support/staff-client';
import { eventually, NORTHWIND, startTestSuite, type TestSuite } from '../../support/suite-fixture';
import {
  callSid,
  ORG_NUMBER,
  recordingCompleted,
  recordingSid,
  statusChanged,
} from './support/call-callbacks';

// Recordings leave the suite on retention or erasure, and their media is then deleted at Twilio
// (through the tool layer's delete_recording), after which Twilio answers 404 for it.

let fx: TestSuite;
let twilio: TwilioStandIn;
let adam: StaffClient;

const org = () => forOrg(fx.database.db.app, NORTHWIND);
const retention = () => {
  const job = voiceModule.jobs.find((candidate) => candidate.name === 'voice.recording-retention');
  if (!job) throw new Error('Voice ships voice.recording-retention');
  return job;
};
const runRetention = () =>
  retention().run({
    db: fx.database.db,
    log: createLogger('silent'),
    slot: new Date(),
    integrations: fx.suite.integrations,
  });
const deletesAtTwilio = (sid: string) =>
  twilio.requests.filter((request) => request.method === 'DELETE' && request.path.includes(sid)).length;

/** A finished inbound call from `from` with a recording at Twilio; answers the suite's recording id. */
async function recordedCall(from: string): Promise<{ recordingId: string; vendorSid: string }> {
  const sid = callSid();
  const vendorSid = recordingSid();
  for (const event of [
    statusChanged(sid, 'completed', { from, duration: 40 }),
    recordingCompleted(sid, vendorSid),
  ]) {
    const envelope = await fx.publishAs(event);
    const prefix =
      event.type === 'tools.call.status_changed'
        ? 'voice.tools-sync.call-status'
        : 'voice.tools-sync.recording';
    const group = fx.modules.flatMap((m) => m.subscriptions).find((s) => s.group.startsWith(prefix))?.group;
    await fx.handled(envelope.id, String(group));
  }
  const recording = await eventually('the recording in Voice', () =>
    org().transaction((tx) => tx.voiceRecording.findFirst({ where: { vendorRecordingId: vendorSid } })),
  );
  return { recordingId: recording.id, vendorSid };
}
const mediaAtTwilio = (vendorSid: string) =>
  fetch(`${twilio.url}/2010-04-01/Accounts/${TWILIO_SID}/Recordings/${vendorSid}.mp3`, {
    headers: { authorization: `Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64')}` },
  });

beforeAll(async () => {
  twilio = await startTwilioStandIn();
  fx = await startTestSuite({
    modules: [voiceModule, crmModule, toolsModule],
    env: { VAULT_KEYS: testKeyring().entries.join(',') },
  });
  adam = await fx.staff('adam@northwind.test', 'voice');
  await connect(
    org(),
    'twilio',
    { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN },
    { from: ORG_NUMBER, apiBaseUrl: twilio.url },
  );
  await adam.ok('settings.update', { recordingEnabled: true, retentionDays: 30, defaultCountry: 'GB' });
});
afterAll(async () => {
  await fx?.close();
  await twilio?.close();
});

describe('recording retention', () => {
  it('deletes an expired recording at Twilio once, which then answers 404, and its suite link is gone', async () => {
    const old = await recordedCall('+442079460300');
    const recent = await recordedCall('+442079460301');
    expect((await mediaAtTwilio(old.vendorSid)).status).toBe(200);
    await fx.database.db.system.voiceRecording.update({
      where: { id: old.recordingId },
      data: { readyAt: new Date(Date.now() - 31 * 86_400_000) },
    });

    expect(await runRetention()).toMatch(
      /^expired 1 recording\(s\) in \d+ org\(s\); 1 deleted at the vendor$/,
    );
    expect(twilio.deletedRecordings.has(old.vendorSid)).toBe(true);
    expect((await mediaAtTwilio(old.vendorSid)).status).toBe(404);
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
    const expiring = await recordedCall('+442079460302');
    await fx.database.db.system.voiceRecording.update({
      where: { id: expiring.recordingId },
      data: { readyAt: new Date(Date.now() - 31 * 86_400_000) },
    });
    twilio.state.authToken = 'RotatedAuthTokenNotInTheVault001';
    try {
      expect(await runRetention()).toMatch(/0 deleted at the vendor, 1 to retry$/);
      expect(await fx.database.db.system.voiceRecording.count({ where: { id: expiring.recordingId } })).toBe(
        1,
      );
    } finally {
      twilio.state.authToken = TWILIO_TOKEN;
    }
    expect((await adam.query('recordings.open', { recordingId: expiring.recordingId })).status).toBe(404);
    expect(await runRetention()).toMatch(/1 deleted at the vendor$/);
    expect((await mediaAtTwilio(expiring.vendorSid)).status).toBe(404);
  });
});

describe('right to erasure', () => {
  it("takes the person's recordings out of the suite at once and deletes their media at Twilio on the next run", async () => {
    const erased = await recordedCall('+442079460303');
    const report = await forgetPerson(org(), [voiceModule], { phone: '+442079460303' }, { actor: 'cli:dpo' });
    expect(report.steps).toContainEqual({
      step: 'module voice',
      outcome: 'done',
      detail: '1 call number removed, 1 recording reference',
    });
    expect((await adam.query('recordings.open', { recordingId: erased.recordingId })).status).toBe(404);
    expect(await runRetention()).toMatch(/1 deleted at the vendor$/);
    expect((await mediaAtTwilio(erased.vendorSid)).status).toBe(404);
    expect(await fx.database.db.system.voiceRecording.count({ where: { id: erased.recordingId } })).toBe(0);
  });
});
