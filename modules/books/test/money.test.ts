import { isDomainError } from '@suite/contracts';
import { describe, expect, it } from 'vitest';
import { periodContaining, periodsDue, utcDate } from '../src/invoices/billing-period';
import {
  divideRounded,
  fromMinor,
  lineAmount,
  scaledQuantity,
  sumOneCurrency,
  toMinor,
} from '../src/money/money';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function refusal(fn: () => unknown): { message: string; field: string | undefined } {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return { message: error.message, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('money in minor units', () => {
  it('converts decimal strings exactly, per currency, up to the bigint column range', () => {
    expect(toMinor('1234.5', 'USD', 'amount')).toBe(123450n);
    expect(toMinor('1234', 'JPY', 'amount')).toBe(1234n);
    expect(fromMinor(123450n, 'USD')).toBe('1234.50');
    expect(fromMinor(-5n, 'USD')).toBe('-0.05');
    expect(fromMinor(1234n, 'JPY')).toBe('1234');
    expect(toMinor('92233720368547758.07', 'USD', 'amount')).toBe(9_223_372_036_854_775_807n);
    expect(refusal(() => toMinor('92233720368547758.08', 'USD', 'lines.0.unitPrice'))).toEqual({
      field: 'lines.0.unitPrice',
      message: expect.stringMatching(
        /^lines\.0\.unitPrice: 92233720368547758\.08 USD is beyond the largest amount/,
      ),
    });
    expect(refusal(() => toMinor('1.5', 'JPY', 'amount')).field).toBe('amount');
    expect(refusal(() => toMinor('1.001', 'USD', 'amount')).message).toMatch(/at most 2 decimals/);
  });

  it('rounds half away from zero, once per line, then sums exactly', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(7n, 3n)).toBe(2n);
    // Three lines of a third of 1.00: each rounds to 0.33, the invoice is 0.99, not round(1.00).
    const third = scaledQuantity(0.3333, 'quantity');
    const lines = [1, 2, 3].map(() => ({ amountMinor: lineAmount(third, 100n), currency: 'USD' }));
    expect(lines.map((line) => line.amountMinor)).toEqual([33n, 33n, 33n]);
    expect(sumOneCurrency(lines)).toBe(99n);
    // 2.5 × 0.01 is 0.025: half a cent rounds up to 0.03.
    expect(lineAmount(scaledQuantity(2.5, 'quantity'), 1n)).toBe(3n);
  });

  it('refuses to mix currencies on one invoice', () => {
    const mixed = [
      { amountMinor: 100n, currency: 'USD' },
      { amountMinor: 100n, currency: 'EUR' },
    ];
    expect(refusal(() => sumOneCurrency(mixed))).toEqual({
      field: 'currency',
      message: 'one invoice cannot mix currencies (EUR, USD); bill each currency on its own invoice',
    });
  });

  it('refuses quantities that are negative, zero, too precise or too large, naming the field', () => {
    expect(scaledQuantity(1.25, 'q')).toBe(12_500n);
    expect(refusal(() => scaledQuantity(-1, 'lineItems.2.quantity'))).toEqual({
      field: 'lineItems.2.quantity',
      message: 'lineItems.2.quantity: quantities must be above 0, got -1',
    });
    expect(refusal(() => scaledQuantity(0, 'q')).message).toMatch(/above 0/);
    expect(refusal(() => scaledQuantity(0.00001, 'q')).message).toMatch(/at most 4 decimals/);
    expect(refusal(() => scaledQuantity(100_000_000, 'q')).message).toMatch(/below 100000000/);
  });
});

describe('per-day proration at period edges', () => {
  const monthly = (startsOn: string, endsOn: string | null = null) => ({
    cadence: 'monthly' as const,
    startsOn: day(startsOn),
    endsOn: endsOn === null ? null : day(endsOn),
  });

  it('uses the days of each calendar period: February, leap years, quarters and years', () => {
    const days = (cadence: 'monthly' | 'quarterly' | 'annual', iso: string) => {
      const period = periodContaining(cadence, day(iso));
      return (period.end.getTime() - period.start.getTime()) / 86_400_000 + 1;
    };
    expect(days('monthly', '2027-02-10')).toBe(28);
    expect(days('monthly', '2028-02-10')).toBe(29);
    expect(days('monthly', '2100-02-10')).toBe(28);
    expect(days('monthly', '2000-02-10')).toBe(29);
    expect(days('quarterly', '2027-02-10')).toBe(90);
    expect(days('quarterly', '2028-02-10')).toBe(91);
    expect(days('annual', '2027-06-01')).toBe(365);
    expect(days('annual', '2028-06-01')).toBe(366);
    expect(periodContaining('quarterly', day('2027-11-30'))).toEqual({
      start: utcDate(2027, 9, 1),
      end: utcDate(2027, 11, 31),
    });
  });

  it('bills a line starting mid-February by the days left of that February', () => {
    const [common] = periodsDue(monthly('2027-02-15'), day('2027-02-15'));
    const [leap] = periodsDue(monthly('2028-02-15'), day('2028-02-15'));
    expect(common).toMatchObject({ daysBilled: 14, daysInPeriod: 28 });
    expect(leap).toMatchObject({ daysBilled: 15, daysInPeriod: 29 });
    // 1000.00 a month: 14/28 is exactly 500.00; 15/29 is 517.241… → 517.24.
    expect(lineAmount(10_000n, 100_000n, 14, 28)).toBe(50_000n);
    expect(lineAmount(10_000n, 100_000n, 15, 29)).toBe(51_724n);
  });

  it('bills one day for a line starting on the last day or ending on the first day of a period', () => {
    expect(periodsDue(monthly('2028-02-29'), day('2028-02-29'))).toEqual([
      { start: day('2028-02-01'), end: day('2028-02-29'), daysBilled: 1, daysInPeriod: 29 },
    ]);
    expect(periodsDue(monthly('2027-01-10', '2027-03-01'), day('2027-06-01'))).toEqual([
      { start: day('2027-01-01'), end: day('2027-01-31'), daysBilled: 22, daysInPeriod: 31 },
      { start: day('2027-02-01'), end: day('2027-02-28'), daysBilled: 28, daysInPeriod: 28 },
      { start: day('2027-03-01'), end: day('2027-03-31'), daysBilled: 1, daysInPeriod: 31 },
    ]);
  });

  it('bills an annual line through a leap year by 366ths', () => {
    const [first] = periodsDue(
      { cadence: 'annual', startsOn: day('2028-07-01'), endsOn: null },
      day('2028-07-01'),
    );
    expect(first).toMatchObject({ daysBilled: 184, daysInPeriod: 366 });
    expect(lineAmount(10_000n, 366_00n, 184, 366)).toBe(184_00n);
  });

  it('bills nothing before a line starts, and a one-off line once on its day', () => {
    expect(periodsDue(monthly('2027-05-02'), day('2027-05-01'))).toEqual([]);
    expect(
      periodsDue({ cadence: 'one_off', startsOn: day('2027-05-02'), endsOn: null }, day('2027-09-01')),
    ).toEqual([{ start: day('2027-05-02'), end: day('2027-05-02'), daysBilled: 1, daysInPeriod: 1 }]);
  });
});
