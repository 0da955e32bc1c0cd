const DAY_MS = 86_400_000;

/**
 * The last day of a term of `months` from `start` (UTC dates): the day before the same day `months`
 * later, or before that month's last day when it is shorter (31 January + 1 month ends 27 February).
 */
export function termEndDate(start: Date, months: number): Date {
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const anniversary = Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay));
  return new Date(anniversary - DAY_MS);
}
