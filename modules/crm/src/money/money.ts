import { Prisma } from '@suite/db';

export type Decimalish = Prisma.Decimal | string | number;

/** Money as the contracts carry it: a decimal string with two fraction digits ("1234.50"). */
export function moneyString(value: Decimalish): string {
  return new Prisma.Decimal(value).toFixed(2);
}

export function sum(values: readonly Decimalish[]): Prisma.Decimal {
  return values.reduce<Prisma.Decimal>((total, value) => total.plus(value), new Prisma.Decimal(0));
}

export interface PricedLine {
  readonly quantity: Decimalish;
  readonly unitPrice: Decimalish;
  readonly recurring: boolean;
}

/** Everything the lines cost (one-time plus one month of the recurring ones), and the monthly part. */
export function lineTotals(lines: readonly PricedLine[]): { total: string; recurringTotal: string } {
  const amount = (line: PricedLine) => new Prisma.Decimal(line.quantity).times(line.unitPrice);
  return {
    total: moneyString(sum(lines.map(amount))),
    recurringTotal: moneyString(sum(lines.filter((line) => line.recurring).map(amount))),
  };
}
