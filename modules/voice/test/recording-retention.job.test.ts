import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voiceModule } from '../src';
import { recordingRetentionJob } from '../src/jobs/recording-retention.job';

const DAY_MS = 86_400_000;

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

/** An org keeping recordings `retentionDays`, with one call recorded each of `ages` days ago. */
async function orgWithRecordings(slug: string, retentionDays: number, ages: readonly number[]) {
  const org = await database.db.system.organization.create({ data: { slug, name: slug } });
  const tenant = forOrg(database.db.app, org.id);
  await tenant.transaction(async (tx) => {
    await tx.voiceSettings.create({ data: { recordingEnabled: true, retentionDays } });
    for (const [index, age] of ages.entries()) {
      const at = new Date(Date.now() - age * DAY_MS);
      const call = await tx.voiceCall.create({
        data: {
          provider: 'twilio',
          vendorCallId: `CA-${slug}-${index}`,
          direction: 'inbound',
          status: 'completed',
          fromNumber: '+442079460018',
          toNumber: '+14155550100',
          remoteNumber: '+442079460018',
          startedAt: at,
          endedAt: at,
          durationSeconds: 60,
        },
      });
      await tx.voiceRecording.create({
        data: { callId: call.id, vendorRecordingId: `RE-${slug}-${index}`, readyAt: at },
      });
    }
  });
  return tenant;
}

describe('voice.recording-retention', () => {
  it('is one of the Voice module’s jobs', () => {
    expect(voiceModule.jobs).toContain(recordingRetentionJob);
  });

  it("deletes recordings older than each org's retention, and only those", async () => {
    const strict = await orgWithRecordings('strict', 7, [10, 3]);
    const relaxed = await orgWithRecordings('relaxed', 365, [10, 3]);
    const summary = await recordingRetentionJob.run({
      db: database.db,
      log: pino({ level: 'silent' }),
      slot: new Date(),
    });
    expect(summary).toBe(
      'expired 1 recording(s) in 2 org(s); vendor deletion waits for a process serving integrations',
    );
    const kept = (tenant: typeof strict) =>
      tenant.transaction((tx) =>
        tx.voiceRecording.findMany({ where: { deletedAt: null }, select: { vendorRecordingId: true } }),
      );
    expect(await kept(strict)).toEqual([{ vendorRecordingId: 'RE-strict-1' }]);
    expect(await kept(relaxed)).toHaveLength(2);
  });
});
