import { defineSubscription } from '@suite/bus';
import { psaContractSigned } from '@suite/contracts';
import { recordActivity } from '../activity/activity.service';
import { companyOfEvent } from '../companies/company.service';
import { winDeal } from '../deals/deal-won.service';

/** Flow 8: a signed contract closes its CRM deal as won, exactly once even if staff won it already. */
export const contractSignedSubscription = defineSubscription({
  group: 'crm.psa-sync.contract-signed',
  types: [psaContractSigned],
  async handler(event, { tx, trace }) {
    const { data } = event;
    const company = await companyOfEvent(tx, data.crmCompanyId, event.type);
    const deal = data.crmDealId
      ? await tx.crmDeal.findFirst({
          where: { id: data.crmDealId, companyId: company.id },
          select: { id: true },
        })
      : null;
    const closedNow = deal
      ? await winDeal(tx, {
          dealId: deal.id,
          via: 'contract_signed',
          at: new Date(data.signedAt),
          traceparent: trace.traceparent,
        })
      : false;
    await recordActivity(tx, {
      companyId: company.id,
      kind: 'contract.signed',
      title: `Contract "${data.name}" signed in PSA`,
      detail: {
        contractId: data.contractId,
        dealId: data.crmDealId,
        monthlyValue: data.monthlyValue,
        closedDeal: closedNow,
      },
      occurredAt: new Date(data.signedAt),
      sourceKey: event.id,
    });
  },
});
