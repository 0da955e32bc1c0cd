import { defineJob, forEachOrg } from '@suite/jobs';
import { dayOf } from '../invoices/billing-period';
import { billBatch } from '../invoices/billing-run.service';

const FIRST_ID = '00000000-0000-0000-0000-000000000000';
/** A batch does the work of many contracts at once: more than the 5 s a staff request may take. */
const BATCH_TIMEOUT_MS = 60_000;

/**
 * Flow 3, daily: invoices every contract line due by the run's day, a batch of contracts per
 * transaction, so a crash loses at most the batch in hand (rolled back, numbers included) and the next
 * run resumes.
 */
export const billingRunJob = defineJob({
  name: 'books.billing-run',
  schedule: '7 2 * * *',
  description:
    'Invoices every contract line due by the day of the run (once per line and period) and finalizes the invoices.',
  async run({ db, log, slot }) {
    const asOf = dayOf(slot);
    let invoices = 0;
    let lines = 0;
    const orgs = await forEachOrg(db, async (org) => {
      for (let after = FIRST_ID; ; ) {
        const batch = await org.transaction((tx) => billBatch(tx, after, asOf), {
          timeout: BATCH_TIMEOUT_MS,
        });
        if (!batch) break;
        after = batch.lastContractId;
        invoices += batch.invoices;
        lines += batch.lines;
        log.debug({ orgId: org.orgId, ...batch }, 'books.billing-run billed a batch of contracts');
      }
    });
    return `${invoices} invoice(s) with ${lines} line(s) in ${orgs} org(s), as of ${asOf.toISOString().slice(0, 10)}`;
  },
});
