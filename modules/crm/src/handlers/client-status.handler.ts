import { defineSubscription } from '@suite/bus';
import { psaClientStatusChanged } from '@suite/contracts';
import { recordActivity } from '../activity/activity.service';
import { companyOfEvent } from '../companies/company.service';

/** PSA client status → CRM company status (on hold has no CRM twin: the company becomes inactive). */
const COMPANY_STATUS = { active: 'active', on_hold: 'inactive', churned: 'churned' } as const;

/** Flow 9: the company's status follows its PSA client's. */
export const clientStatusSubscription = defineSubscription({
  group: 'crm.psa-sync.client-status',
  types: [psaClientStatusChanged],
  async handler(event, { tx }) {
    const { data } = event;
    const company = await companyOfEvent(tx, data.crmCompanyId, event.type);
    const status = COMPANY_STATUS[data.status];
    await tx.crmCompany.update({ where: { id: company.id }, data: { status } });
    await recordActivity(tx, {
      companyId: company.id,
      kind: 'client.status_changed',
      title: `PSA client ${data.previousStatus} → ${data.status}; company is now ${status}`,
      detail: { clientId: data.clientId, from: data.previousStatus, to: data.status, reason: data.reason },
      occurredAt: new Date(data.changedAt),
      sourceKey: event.id,
    });
  },
});
