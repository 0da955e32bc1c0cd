import { countInEachOrg, defineJob } from '@suite/jobs';
import { deleteOldSentEmails } from '../sent-emails/sent-email.service';

/** Sent-email records (the subjects delivery statuses are named by) are kept 30 days (decision 0106). */
export const sentEmailPurgeJob = defineJob({
  name: 'tools.sent-email-purge',
  schedule: '29 3 * * *',
  description:
    "Deletes the tool layer's records of emails sent more than 30 days ago (their subjects); a later delivery status of such an email carries no subject.",
  async run({ db, slot }) {
    const { counted, orgs } = await countInEachOrg(db, (tx) => deleteOldSentEmails(tx, slot));
    return `deleted ${counted} sent email record(s) in ${orgs} org(s)`;
  },
});
