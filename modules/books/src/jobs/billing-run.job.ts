import { defineJob, forEachOrg } from '@suite/jobs';
import { dayOf } from '../invoices/billing-period';
import { billableContractIds, billContract } from '../invoices/billing-run.service';

/**
 * Flow 3, daily: invoices every contract line due by the run's day. One transaction per contract, so a
 * crash loses at most the contract in hand (rolled back, number included) and the next run resumes.
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
      for (const contractId of await org.transaction(billableContractIds)) {
        const billed = await org.transaction((tx) => billContract(tx, contractId, asOf));
        if (!billed) continue;
        invoices += 1;
        lines += billed.lines;
        log.debug({ orgId: org.orgId, contractId, ...billed }, 'books.billing-run invoiced a contract');
      }
    });
    return `${invoices} invoice(s) with ${lines} line(s) in ${orgs} org(s), as of ${asOf.toISOString().slice(0, 10)}`;
  },
});
