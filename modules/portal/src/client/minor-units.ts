/**
 * A decimal amount of Books (`1158.07`, two fraction digits at most) in the currency's smallest unit,
 * as `charge_card` takes it: cents for USD, yen for JPY, fils for BHD. Null when the amount has more
 * precision than the currency (`10.50` JPY), which no card payment can take.
 */
export function minorUnits(amount: string, currency: string): number | null {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  const [whole = '0', fraction = ''] = amount.split('.');
  if (fraction.slice(digits ?? 2).replaceAll('0', '') !== '') return null;
  return Number(`${whole}${fraction.padEnd(digits ?? 2, '0').slice(0, digits ?? 2)}`);
}
