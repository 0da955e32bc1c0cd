/** A decimal amount of Books (`1158.07`, two fraction digits at most) in the currency's cents. */
export function minorUnits(amount: string): number {
  const [whole = '0', fraction = ''] = amount.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}
