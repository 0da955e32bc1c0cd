import { defineSubscription } from '@suite/bus';
import { psaContractAmended } from '@suite/contracts';
import { recordActivity } from '../activity/activity.service';
import { companyOfEvent } from '../companies/company.service';
import { requestAddendum } from '../esign/esign-request.service';

/** Flow 7: a contract change in PSA asks the client to e-sign an addendum. */
export const contractAmendedSubscription = defineSubscription({
  group: 'crm.psa-sync.contract-amended',
  types: [psaContractAmended],
  async handler(event, { tx }) {
    const { data } = event;
    const company = await companyOfEvent(tx, data.crmCompanyId, event.type);
    await requestAddendum(tx, company.id, data);
    await recordActivity(tx, {
      companyId: company.id,
      kind: 'esign.requested',
      title: `E-sign addendum requested for contract revision ${data.revision}`,
      detail: { contractId: data.contractId, revision: data.revision, changes: data.changes },
      occurredAt: new Date(data.amendedAt),
      sourceKey: event.id,
    });
  },
});
