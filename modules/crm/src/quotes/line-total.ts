import { formatMoney, invalid, MAX_MONEY } from '@suite/contracts';
import { Prisma } from '@suite/db';

type Amount = Prisma.Decimal | string | number;

export function sum(values: readonly Amount[]): Prisma.Decimal {
  return values.reduce<Prisma.Decimal>((total, value) => total.plus(value), new Prisma.Decimal(0));
}

export interface PricedLine {
  readonly quantity: Amount;
  readonly unitPrice: Amount;
  readonly recurring: boolean;
  readonly kind?: 'service' | 'discount' | undefined;
}

/**
 * Everything the lines cost (one-time plus one month of the recurring ones), and the monthly part;
 * discount lines take their amount off. Each line fits its column; a total that does not, or that
 * discounts end up below zero, is refused naming the lines.
 */
export function lineTotals(lines: readonly PricedLine[]): { total: string; recurringTotal: string } {
  const amount = (line: PricedLine) => {
    const gross = new Prisma.Decimal(line.quantity).times(line.unitPrice);
    return line.kind === 'discount' ? gross.negated() : gross;
  };
  const total = sum(lines.map(amount));
  const recurringTotal = sum(lines.filter((line) => line.recurring).map(amount));
  if (total.greaterThan(MAX_MONEY))
    throw invalid(`lines: the total ${formatMoney(total)} exceeds ${MAX_MONEY}; split the quote`, 'lines');
  if (total.isNegative() || recurringTotal.isNegative())
    throw invalid('lines: the discounts exceed what the lines cost; lower a discount', 'lines');
  return { total: formatMoney(total), recurringTotal: formatMoney(recurringTotal) };
}
