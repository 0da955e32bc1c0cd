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
}

/**
 * Everything the lines cost (one-time plus one month of the recurring ones), and the monthly part.
 * Each line fits its column; their sum may not, which is refused naming the lines.
 */
export function lineTotals(lines: readonly PricedLine[]): { total: string; recurringTotal: string } {
  const amount = (line: PricedLine) => new Prisma.Decimal(line.quantity).times(line.unitPrice);
  const total = sum(lines.map(amount));
  if (total.greaterThan(MAX_MONEY))
    throw invalid(`lines: the total ${formatMoney(total)} exceeds ${MAX_MONEY}; split the quote`, 'lines');
  return {
    total: formatMoney(total),
    recurringTotal: formatMoney(sum(lines.filter((line) => line.recurring).map(amount))),
  };
}
