import { invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { resolveGlAccountId } from '../gl/gl-account.service';
import type { Cadence } from '../invoices/billing-period';
import { decimalQuantity, lineAmount, MAX_MINOR, scaledQuantity, toMinor } from '../money/money';

export interface NewLine {
  readonly itemCode: string;
  readonly description: string;
  readonly quantity: number | string;
  readonly unitPrice: string;
  readonly cadence: Cadence;
}

/**
 * Refuses, naming the field, what is wrong with a line in every currency: its quantity, an amount that is
 * not a decimal of 0 or more, or one whose whole part alone is beyond what Books stores. For lines of a
 * contract that is not there, so a bad input is reported as such rather than as a missing contract.
 */
export function refuseLinesBadInAnyCurrency(lines: readonly NewLine[], field: string): void {
  for (const [index, line] of lines.entries()) {
    scaledQuantity(line.quantity, `${field}.${index}.quantity`);
    const priceField = `${field}.${index}.unitPrice`;
    const whole = /^(\d+)(?:\.\d+)?$/.exec(line.unitPrice)?.[1];
    if (whole === undefined)
      throw invalid(
        `${priceField}: "${line.unitPrice}" is not a decimal amount of 0 or more like "1234.50"`,
        priceField,
      );
    if (BigInt(whole) > MAX_MINOR)
      throw invalid(`${priceField}: ${line.unitPrice} is beyond the largest amount Books stores`, priceField);
  }
}

/**
 * Writes the lines of one contract version, each with the GL account its item maps to (or none: the
 * line is flagged). Bad quantities and amounts are refused naming `<field>.<index>.<name>`.
 */
export async function createVersionLines(
  tx: OrgTransaction,
  contract: { id: string; currency: string },
  version: number,
  startsOn: Date,
  lines: readonly NewLine[],
  field: string,
): Promise<void> {
  const rows = [];
  for (const [index, line] of lines.entries()) {
    const quantity = scaledQuantity(line.quantity, `${field}.${index}.quantity`);
    const unitPriceMinor = toMinor(line.unitPrice, contract.currency, `${field}.${index}.unitPrice`);
    if (unitPriceMinor < 0n)
      throw invalid(
        `${field}.${index}.unitPrice: unit prices are 0 or more; bill refunds as credit notes`,
        `${field}.${index}.unitPrice`,
      );
    lineAmount(quantity, unitPriceMinor, 1, 1, `${field}.${index}.unitPrice`);
    rows.push({
      contractId: contract.id,
      version,
      position: index,
      itemCode: line.itemCode,
      description: line.description,
      quantity: decimalQuantity(quantity),
      unitPriceMinor,
      currency: contract.currency,
      cadence: line.cadence,
      startsOn,
      glAccountId: await resolveGlAccountId(tx, line.itemCode),
    });
  }
  await tx.booksContractLine.createMany({ data: rows });
}
