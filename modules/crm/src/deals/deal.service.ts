import type { OrgTransaction } from '@suite/db';
import { foundInOrg } from '@suite/hub-auth';
import type { z } from 'zod';
import { companyInOrg } from '../companies/company.service';
import { assertOwnerInOrg, ownersById } from '../owners/deal-owner.service';
import { getSettings } from '../settings/settings.service';
import type { dealCreateInput, dealListInput, dealUpdateInput } from './deal.schema';
import { dealView } from './deal.view';
import { publishWonDealChange } from './deal-updated.service';

type LineItemsInput = z.infer<typeof dealCreateInput>['lineItems'];

const lineItemRows = (lineItems: LineItemsInput) =>
  lineItems.map((line, position) => ({ ...line, position }));

export async function dealInOrg(tx: OrgTransaction, dealId: string) {
  return foundInOrg(
    await tx.crmDeal.findFirst({
      where: { id: dealId },
      include: { lineItems: { orderBy: { position: 'asc' } } },
    }),
    `deal ${dealId}`,
  );
}

export async function getDeal(tx: OrgTransaction, dealId: string) {
  const deal = await dealInOrg(tx, dealId);
  const owners = await ownersById(tx, [deal.ownerId]);
  return dealView(deal, owners.get(deal.ownerId), deal.lineItems);
}

export async function listDeals(tx: OrgTransaction, filter: z.infer<typeof dealListInput>) {
  const deals = await tx.crmDeal.findMany({ where: filter, orderBy: { createdAt: 'desc' }, take: 500 });
  const owners = await ownersById(
    tx,
    deals.map((deal) => deal.ownerId),
  );
  return deals.map((deal) => dealView(deal, owners.get(deal.ownerId)));
}

export async function createDeal(tx: OrgTransaction, input: z.infer<typeof dealCreateInput>, userId: string) {
  await companyInOrg(tx, input.companyId);
  const ownerId = input.ownerId ?? userId;
  await assertOwnerInOrg(tx, ownerId);
  const { lineItems, ...fields } = input;
  const deal = await tx.crmDeal.create({
    data: {
      ...fields,
      ownerId,
      currency: input.currency ?? (await getSettings(tx)).defaultCurrency,
      lineItems: { create: lineItemRows(lineItems) },
    },
  });
  return getDeal(tx, deal.id);
}

export async function updateDeal(
  tx: OrgTransaction,
  { dealId, lineItems, ...changes }: z.infer<typeof dealUpdateInput>,
) {
  await dealInOrg(tx, dealId);
  if (changes.ownerId) await assertOwnerInOrg(tx, changes.ownerId);
  if (lineItems) await tx.crmDealLineItem.deleteMany({ where: { dealId } });
  await tx.crmDeal.update({
    where: { id: dealId },
    data: { ...changes, ...(lineItems && { lineItems: { create: lineItemRows(lineItems) } }) },
  });
  if (lineItems || changes.value || changes.recurringRevenue) await publishWonDealChange(tx, dealId);
  return getDeal(tx, dealId);
}
