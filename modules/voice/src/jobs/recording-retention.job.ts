import { defineJob, forEachOrg } from '@suite/jobs';
import { deleteExpiredRecordings } from '../recordings/recording.service';

/** Recordings older than the org's retention setting are deleted; their links answer NOT_FOUND after. */
export const recordingRetentionJob = defineJob({
  name: 'voice.recording-retention',
  schedule: '41 2 * * *',
  description: "Deletes call recordings older than each org's Voice retention setting (days).",
  async run({ db, slot }) {
    let deleted = 0;
    const orgs = await forEachOrg(db, async (org) => {
      deleted += await org.transaction((tx) => deleteExpiredRecordings(tx, slot));
    });
    return `deleted ${deleted} recording(s) in ${orgs} org(s)`;
  },
});
