import { defineJob, forEachOrg } from '@suite/jobs';
import { expireRecordings, purgeRecording, recordingsToPurge } from '../recordings/recording.service';

/** Per org and run, so a large backlog (a retention cut) cannot hold the job's lease; the rest goes next run. */
const PURGE_PER_RUN = 500;

/**
 * Recordings older than the org's retention setting leave the suite (their links answer NOT_FOUND), and
 * the media of every recording that left it (retention or right to erasure) is deleted at the vendor.
 * Often, so an erasure reaches the vendor within minutes; a vendor that fails is retried next run.
 */
export const recordingRetentionJob = defineJob({
  name: 'voice.recording-retention',
  schedule: '*/10 * * * *',
  description:
    "Deletes call recordings older than each org's Voice retention setting (days), and their media at the vendor.",
  async run({ db, log, slot, integrations }) {
    let expired = 0;
    let purged = 0;
    let failed = 0;
    const orgs = await forEachOrg(db, async (org) => {
      expired += await org.transaction((tx) => expireRecordings(tx, slot));
      if (!integrations) return;
      const caller = { orgId: org.orgId, integrations };
      for (const recordingId of await org.transaction((tx) => recordingsToPurge(tx, PURGE_PER_RUN)))
        await org
          .transaction((tx) => purgeRecording(tx, recordingId, caller))
          .then(() => purged++)
          .catch((error: unknown) => {
            failed++;
            log.warn(
              { err: error, orgId: org.orgId, recordingId },
              'recording not deleted at the vendor; retried next run',
            );
          });
    });
    const atVendor = integrations
      ? `${purged} deleted at the vendor${failed ? `, ${failed} to retry` : ''}`
      : 'vendor deletion waits for a process serving integrations';
    return `expired ${expired} recording(s) in ${orgs} org(s); ${atVendor}`;
  },
});
