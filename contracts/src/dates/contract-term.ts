const DAY_MS = 86_400_000;

/**
 * The last day of a term of `months` from `start` (UTC days): the day before the same calendar day
 * `months` later, that day clamped to the month's length (a term from 31 January of one month ends on
 * 27 February, of 12 months on 30 January).
 */
export function termEndsOn(start: Date, months: number): Date {
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay)) - DAY_MS);
}
