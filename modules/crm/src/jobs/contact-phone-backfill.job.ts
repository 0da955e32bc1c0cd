import { defineJob, forEachOrg } from '@suite/jobs';
import { backfillContactPhones } from '../contacts/contact-phone.service';

const BATCH = 500;

/**
 * Indexes the numbers of contacts saved before CRM kept them in E.164 (`crm.contact_phone`), so calls
 * from them match. Each batch commits on its own: an interrupted run resumes where it stopped, and a run
 * with nothing left to do changes nothing. `suite jobs run crm.contact-phone-backfill` runs it at once.
 */
export const contactPhoneBackfillJob = defineJob({
  name: 'crm.contact-phone-backfill',
  schedule: '37 * * * *',
  description:
    'Indexes in E.164 the phone numbers of contacts saved before the phone index (resumable; does nothing once done).',
  async run({ db, log }) {
    let indexed = 0;
    let unreadable = 0;
    const orgs = await forEachOrg(db, async (org) => {
      let after: string | null = null;
      for (;;) {
        const batch = await org.transaction((tx) => backfillContactPhones(tx, after, BATCH));
        indexed += batch.indexed;
        unreadable += batch.unreadable.length;
        if (batch.unreadable.length)
          log.warn(
            { orgId: org.orgId, numbers: batch.unreadable },
            'contact numbers that are not phone numbers were left out of the index; correct them in CRM',
          );
        if (batch.seen < BATCH || !batch.lastContactId) break;
        after = batch.lastContactId;
      }
    });
    const left = unreadable ? `; ${unreadable} number(s) unreadable, see the log` : '';
    return `indexed the numbers of ${indexed} contact(s) in ${orgs} org(s)${left}`;
  },
});
