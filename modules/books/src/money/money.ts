import { invalid } from '@suite/contracts';

/** The range of a PostgreSQL bigint: every `*_minor` column. */
export const MAX_MINOR = 9_223_372_036_854_775_807n;

/** Quantities are numeric(12,4): four decimals, below 10^8. */
export const QUANTITY_SCALE = 10_000n;
const MAX_QUANTITY_SCALED = 10n ** 12n - 1n;

/** Digits after the decimal point in `currency` (USD 2, JPY 0), from the runtime's ISO 4217 data. */
export function minorDigits(currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  if (digits === undefined || digits > 2)
    throw invalid(
      `currency ${currency} has more than 2 minor digits; Books bills only 0- and 2-digit currencies`,
    );
  return digits;
}

/**
 * A decimal string ("1234.50") as integer minor units of `currency`; refused, naming `field`, when it
 * has more decimals than the currency or is beyond the bigint columns' range.
 */
export function toMinor(amount: string, currency: string, field: string): bigint {
  const digits = minorDigits(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) throw invalid(`${field}: "${amount}" is not a decimal amount like "1234.50"`, field);
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > digits)
    throw invalid(`${field}: ${currency} amounts have at most ${digits} decimals, got "${amount}"`, field);
  const minor = BigInt(whole + fraction.padEnd(digits, '0'));
  if (minor > MAX_MINOR)
    throw invalid(
      `${field}: ${amount} ${currency} is beyond the largest amount Books stores (${fromMinor(MAX_MINOR, currency)})`,
      field,
    );
  return sign === '-' ? -minor : minor;
}

/** Minor units as the contracts' decimal string ("1234.50"). */
export function fromMinor(minor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0n ? '-' : '';
  const text = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** A quantity (up to four decimals, positive) as an integer of ten-thousandths; refused naming `field`. */
export function scaledQuantity(quantity: number | string, field: string): bigint {
  const text = typeof quantity === 'number' ? quantity.toFixed(6) : quantity;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw invalid(`${field}: "${quantity}" is not a number`, field);
  const [, sign, whole = '0', fraction = ''] = match;
  if (sign === '-' || /^[0.]*$/.test(`${whole}.${fraction}`))
    throw invalid(`${field}: quantities must be above 0, got ${quantity}`, field);
  if (/[1-9]/.test(fraction.slice(4)))
    throw invalid(`${field}: quantities have at most 4 decimals, got ${quantity}`, field);
  const scaled = BigInt(whole + fraction.slice(0, 4).padEnd(4, '0'));
  if (scaled > MAX_QUANTITY_SCALED)
    throw invalid(`${field}: quantities must be below 100000000, got ${quantity}`, field);
  return scaled;
}

/** A scaled quantity as the `numeric(12,4)` column's text ("2.5000"). */
export const decimalQuantity = (scaled: bigint) =>
  `${scaled / QUANTITY_SCALE}.${(scaled % QUANTITY_SCALE).toString().padStart(4, '0')}`;

/** numerator / denominator rounded half away from zero: the one rounding Books does. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < denominator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

/**
 * A line's amount: quantity × unit price × days billed / days in the period, rounded once to minor
 * units. Refused when it does not fit the columns.
 */
export function lineAmount(
  quantityScaled: bigint,
  unitPriceMinor: bigint,
  daysBilled = 1,
  daysInPeriod = 1,
  field = 'unitPrice',
): bigint {
  const amount = divideRounded(
    quantityScaled * unitPriceMinor * BigInt(daysBilled),
    QUANTITY_SCALE * BigInt(daysInPeriod),
  );
  if (amount > MAX_MINOR || amount < -MAX_MINOR)
    throw invalid(`${field}: quantity × unit price is beyond the largest amount Books stores`, field);
  return amount;
}

/** Tax of a line at `rateBp` basis points, rounded per line like the amount. */
export function lineTax(amountMinor: bigint, rateBp: number): bigint {
  return divideRounded(amountMinor * BigInt(rateBp), 10_000n);
}

/** Sums amounts of one currency; mixing currencies is refused rather than converted. */
export function sumOneCurrency(items: readonly { amountMinor: bigint; currency: string }[]): bigint {
  const currencies = new Set(items.map((item) => item.currency));
  if (currencies.size > 1)
    throw invalid(
      `one invoice cannot mix currencies (${[...currencies].sort().join(', ')}); bill each currency on its own invoice`,
      'currency',
    );
  return items.reduce((total, item) => total + item.amountMinor, 0n);
}
