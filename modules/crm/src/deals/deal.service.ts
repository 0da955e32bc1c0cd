import { found } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import { companyInOrg } from '../companies/company.service';
import { assertOwnerInOrg, ownersById } from '../owners/deal-owner.service';
import { getSettings } from '../settings/setting.service';
import type { ByDealId, DealCreateInput, DealListInput, DealUpdateInput, DealView } from './deal.schema';
import { dealView } from './deal.view';
import { publishWonDealChange } from './deal-updated.service';

export type DealRecord = Prisma.CrmDealGetPayload<{ include: { lineItems: true } }>;

const lineItemRows = (lineItems: DealCreateInput['lineItems']) =>
  lineItems.map((line, position) => ({ ...line, position }));

/** A `YYYY-MM-DD` input as the date column takes it; null clears it, undefined leaves it. */
const asDate = (date: string | null | undefined) =>
  date === undefined ? undefined : date === null ? null : new Date(`${date}T00:00:00Z`);

/** The deal with its line items in the transaction's org, or NOT_FOUND. */
export async function dealInOrg(tx: OrgTransaction, dealId: string): Promise<DealRecord> {
  return found(
    await tx.crmDeal.findFirst({
      where: { id: dealId },
      include: { lineItems: { orderBy: { position: 'asc' } } },
    }),
    `deal ${dealId}`,
  );
}

/** The view of a deal already read, with its owner from the Hub directory. */
export async function viewOfDeal(tx: OrgTransaction, deal: DealRecord): Promise<DealView> {
  const owners = await ownersById(tx, [deal.ownerId]);
  return dealView(deal, owners.get(deal.ownerId), deal.lineItems);
}

export async function getDeal(tx: OrgTransaction, { dealId }: ByDealId): Promise<DealView> {
  return viewOfDeal(tx, await dealInOrg(tx, dealId));
}

export async function listDeals(tx: OrgTransaction, filter: DealListInput): Promise<DealView[]> {
  const deals = await tx.crmDeal.findMany({ where: filter, orderBy: { createdAt: 'desc' }, take: 500 });
  const owners = await ownersById(
    tx,
    deals.map((deal) => deal.ownerId),
  );
  return deals.map((deal) => dealView(deal, owners.get(deal.ownerId)));
}

export async function createDeal(
  tx: OrgTransaction,
  input: DealCreateInput,
  staff: { readonly user: { readonly id: string } },
): Promise<DealView> {
  await companyInOrg(tx, input.companyId);
  const ownerId = input.ownerId ?? staff.user.id;
  await assertOwnerInOrg(tx, ownerId);
  const { lineItems, expectedCloseDate, ...fields } = input;
  const deal = await tx.crmDeal.create({
    data: {
      ...fields,
      expectedCloseDate: asDate(expectedCloseDate),
      ownerId,
      currency: input.currency ?? (await getSettings(tx)).defaultCurrency,
      lineItems: { create: lineItemRows(lineItems) },
    },
  });
  return getDeal(tx, { dealId: deal.id });
}

export async function updateDeal(
  tx: OrgTransaction,
  { dealId, lineItems, expectedCloseDate, ...changes }: DealUpdateInput,
): Promise<DealView> {
  await dealInOrg(tx, dealId);
  if (changes.ownerId) await assertOwnerInOrg(tx, changes.ownerId);
  if (lineItems) await tx.crmDealLineItem.deleteMany({ where: { dealId } });
  await tx.crmDeal.update({
    where: { id: dealId },
    data: {
      ...changes,
      expectedCloseDate: asDate(expectedCloseDate),
      ...(lineItems && { lineItems: { create: lineItemRows(lineItems) } }),
    },
  });
  if (lineItems || changes.value || changes.recurringRevenue) await publishWonDealChange(tx, dealId);
  return getDeal(tx, { dealId });
}
