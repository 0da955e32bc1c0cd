import type { crmDealUpdated, EventData } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { dayOf } from '../invoices/billing-period';
import { toMinor } from '../money/money';
import { linesOfDeal } from './contract-setup.service';
import { addContractVersion } from './contract-version.service';

/**
 * Flow 2: a won deal's changed lines (an upsell) become a new version of its contract from the day of
 * the change. One-off items the contract already has are not charged again. Returns false when the deal
 * has no contract (it was won before Books ran).
 */
export async function versionFromDealChange(
  tx: OrgTransaction,
  change: EventData<typeof crmDealUpdated>,
  eventId: string,
): Promise<boolean> {
  const contract = await tx.booksContract.findFirst({
    where: { crmDealId: change.dealId },
    include: { lines: { where: { cadence: 'one_off' } } },
  });
  if (!contract) return false;
  const charged = new Set(
    contract.lines.map((line) => `${line.itemCode}|${line.quantity.toString()}|${line.unitPriceMinor}`),
  );
  const lines = linesOfDeal({ ...change, name: contract.name }).filter(
    (line) =>
      line.cadence !== 'one_off' ||
      !charged.has(
        `${line.itemCode}|${line.quantity}|${toMinor(line.unitPrice, contract.currency, 'unitPrice')}`,
      ),
  );
  await addContractVersion(tx, {
    contractId: contract.id,
    effectiveFrom: dayOf(new Date(change.changedAt)),
    lines,
    reason: 'crm.deal.updated',
    sourceKey: `crm.deal.updated:${eventId}`,
    valueMinor: toMinor(change.value, contract.currency, 'value'),
    field: 'lineItems',
  });
  return true;
}
