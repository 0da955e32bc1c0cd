import type { crmDealWon, EventData } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { ensureBillingAccount } from '../accounts/billing-account.service';
import { dayOf } from '../invoices/billing-period';
import { toMinor } from '../money/money';
import { getSettings } from '../settings/settings.service';
import { activateContract } from './contract-activation.service';
import { createVersionLines, type NewLine } from './contract-line.service';
import { applyPsaTerm } from './contract-term.service';

type DealLines = Pick<EventData<typeof crmDealWon>, 'lineItems' | 'recurringRevenue' | 'name'>;

/** The deal's line items as contract lines; a deal without items bills its recurring revenue as one line. */
export function linesOfDeal(deal: DealLines): NewLine[] {
  const lines: NewLine[] = deal.lineItems.map((item) => ({
    itemCode: item.serviceCode,
    description: item.description,
    quantity: item.quantity,
    unitPrice: item.unitPrice,
    cadence: item.recurring ? 'monthly' : 'one_off',
  }));
  if (lines.length === 0 && !/^0+(\.0+)?$/.test(deal.recurringRevenue))
    lines.push({
      itemCode: 'deal-mrr',
      description: deal.name,
      quantity: 1,
      unitPrice: deal.recurringRevenue,
      cadence: 'monthly',
    });
  return lines;
}

/**
 * Flow 1: a won deal becomes the client's billing account (if needed) and a draft contract from its
 * line items, once per deal however often the deal is reported won. Lines whose item has no GL account
 * are flagged; the org setting may activate a contract with no flagged line at once.
 * Returns the contract id, and whether this call created it.
 */
export async function setUpContractFromDeal(
  tx: OrgTransaction,
  deal: EventData<typeof crmDealWon>,
): Promise<{ contractId: string; created: boolean }> {
  const existing = await tx.booksContract.findFirst({
    where: { crmDealId: deal.dealId },
    select: { id: true },
  });
  if (existing) return { contractId: existing.id, created: false };
  const account = await ensureBillingAccount(tx, deal.companyId, deal.currency);
  const valueMinor = toMinor(deal.value, deal.currency, 'value');
  const mrrMinor = toMinor(deal.recurringRevenue, deal.currency, 'recurringRevenue');
  const startsOn = dayOf(new Date(deal.wonAt));
  const contract = await tx.booksContract.create({
    data: {
      billingAccountId: account.id,
      crmDealId: deal.dealId,
      name: deal.name,
      currency: deal.currency,
      valueMinor,
      mrrMinor,
      versions: {
        create: {
          version: 1,
          effectiveFrom: startsOn,
          reason: 'crm.deal.won',
          sourceKey: `crm.deal.won:${deal.dealId}`,
          valueMinor,
          mrrMinor,
        },
      },
    },
  });
  await createVersionLines(tx, contract, 1, startsOn, linesOfDeal(deal), 'lineItems');
  await applyPsaTerm(tx, deal.dealId);
  const flagged = await tx.booksContractLine.count({ where: { contractId: contract.id, glAccountId: null } });
  if (flagged === 0 && (await getSettings(tx)).autoActivateContracts)
    await activateContract(tx, contract.id, 'auto');
  return { contractId: contract.id, created: true };
}
