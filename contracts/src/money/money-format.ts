/** A decimal as Prisma and decimal.js give it: anything that rounds itself to fixed digits. */
export interface DecimalLike {
  toFixed(fractionDigits: number): string;
}

/** Money as the contracts carry it (`money`): a decimal string with two fraction digits ("1234.50"). */
export function formatMoney(amount: DecimalLike): string {
  return amount.toFixed(2);
}
