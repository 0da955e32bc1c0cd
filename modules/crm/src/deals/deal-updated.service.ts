import { publish } from '@suite/bus';
import { formatMoney } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { lineItemView } from './deal.view';

/** A won deal's value or lines changed (an upsell): `crm.deal.updated` tells Books to bill the new lines. */
export async function publishWonDealChange(tx: OrgTransaction, dealId: string): Promise<void> {
  const deal = await tx.crmDeal.findFirstOrThrow({
    where: { id: dealId },
    include: { lineItems: { orderBy: { position: 'asc' } } },
  });
  if (deal.stage !== 'won') return;
  await publish(tx, {
    type: 'crm.deal.updated',
    data: {
      dealId: deal.id,
      companyId: deal.companyId,
      value: formatMoney(deal.value),
      recurringRevenue: formatMoney(deal.recurringRevenue),
      currency: deal.currency,
      lineItems: deal.lineItems.map(lineItemView),
      changedAt: deal.updatedAt.toISOString(),
    },
  });
}
