import type { EventData, psaClientStatusChanged } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { recordActivity } from '../activity/activity.service';
import { companyOfEvent } from './company.service';

/** PSA client status → CRM company status (on hold has no CRM twin: the company becomes inactive). */
const COMPANY_STATUS = { active: 'active', on_hold: 'inactive', churned: 'churned' } as const;

/** Flow 9: the company's status follows its PSA client's; `eventId` keeps the timeline entry single. */
export async function followClientStatus(
  tx: OrgTransaction,
  change: EventData<typeof psaClientStatusChanged>,
  eventId: string,
): Promise<void> {
  const company = await companyOfEvent(tx, change.crmCompanyId, 'psa.client.status_changed');
  const status = COMPANY_STATUS[change.status];
  await tx.crmCompany.update({ where: { id: company.id }, data: { status } });
  await recordActivity(tx, {
    companyId: company.id,
    kind: 'client.status_changed',
    title: `PSA client ${change.previousStatus} → ${change.status}; company is now ${status}`,
    detail: {
      clientId: change.clientId,
      from: change.previousStatus,
      to: change.status,
      reason: change.reason,
    },
    occurredAt: new Date(change.changedAt),
    sourceKey: eventId,
  });
}
