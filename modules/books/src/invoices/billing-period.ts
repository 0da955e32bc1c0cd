// Billing periods are calendar-aligned (UTC): monthly = a calendar month, quarterly = Jan-Mar, Apr-Jun,
// Jul-Sep, Oct-Dec, annual = a calendar year. A recurring line is billed in advance, for each period
// that has begun, once. Proration is per day: a line active on only some days of a period bills
// quantity × unit price × days active / days in that period (28, 29, 30 or 31 for a month; 365 or 366
// for a year), rounded once. A one-off line is billed once, on or after its start date.

export type Cadence = 'one_off' | 'monthly' | 'quarterly' | 'annual';

export interface Period {
  readonly start: Date;
  /** Inclusive. */
  readonly end: Date;
}

const DAY_MS = 86_400_000;
const MONTHS: Record<Exclude<Cadence, 'one_off'>, number> = { monthly: 1, quarterly: 3, annual: 12 };

export const utcDate = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day));

/** The calendar day (UTC midnight) of an instant. */
export function dayOf(at: Date): Date {
  return utcDate(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
}

export const isoDate = (day: Date) => day.toISOString().slice(0, 10);
export const addDays = (day: Date, days: number) => new Date(day.getTime() + days * DAY_MS);
/** Days from `start` to `end`, both included. */
export const daysBetween = (start: Date, end: Date) =>
  Math.round((end.getTime() - start.getTime()) / DAY_MS) + 1;

/** The period of `cadence` containing `day`. */
export function periodContaining(cadence: Cadence, day: Date): Period {
  if (cadence === 'one_off') return { start: day, end: day };
  const months = MONTHS[cadence];
  const firstMonth = Math.floor(day.getUTCMonth() / months) * months;
  const start = utcDate(day.getUTCFullYear(), firstMonth, 1);
  return { start, end: addDays(utcDate(day.getUTCFullYear(), firstMonth + months, 1), -1) };
}

export interface DuePeriod extends Period {
  readonly daysBilled: number;
  readonly daysInPeriod: number;
}

/**
 * The periods of a line from its start up to the one containing `asOf`, each with the days the line is
 * active in it; periods the line does not reach (it ended) are left out.
 */
export function periodsDue(
  line: { cadence: Cadence; startsOn: Date; endsOn: Date | null },
  asOf: Date,
): DuePeriod[] {
  if (line.startsOn > asOf) return [];
  if (line.cadence === 'one_off')
    return [{ start: line.startsOn, end: line.startsOn, daysBilled: 1, daysInPeriod: 1 }];
  const due: DuePeriod[] = [];
  for (
    let period = periodContaining(line.cadence, line.startsOn);
    period.start <= asOf && (line.endsOn === null || period.start <= line.endsOn);
    period = periodContaining(line.cadence, addDays(period.end, 1))
  ) {
    const from = line.startsOn > period.start ? line.startsOn : period.start;
    const to = line.endsOn !== null && line.endsOn < period.end ? line.endsOn : period.end;
    const daysBilled = daysBetween(from, to);
    if (daysBilled > 0)
      due.push({ ...period, daysBilled, daysInPeriod: daysBetween(period.start, period.end) });
  }
  return due;
}
