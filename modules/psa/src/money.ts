import type { Prisma } from '@suite/db';

/** Decimal columns leave PSA as decimal strings ("1234.50"), the contracts' `money`. */
export function money(value: Prisma.Decimal): string {
  return value.toFixed(2);
}
