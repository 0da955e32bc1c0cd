import { describe, expect, it } from 'vitest';
import { termEndsOn } from '../src/dates/contract-term';

const lastDay = (start: string, months: number) =>
  termEndsOn(new Date(`${start}T00:00:00Z`), months)
    .toISOString()
    .slice(0, 10);

describe('the last day of a contract term', () => {
  it('is the day before the same day months later, across a year end', () => {
    expect(lastDay('2027-01-01', 12)).toBe('2027-12-31');
    expect(lastDay('2027-03-15', 1)).toBe('2027-04-14');
    expect(lastDay('2027-11-10', 3)).toBe('2028-02-09');
  });

  it('ends before the last day of a shorter month, leap years included', () => {
    expect(lastDay('2027-01-31', 1)).toBe('2027-02-27');
    expect(lastDay('2027-01-31', 13)).toBe('2028-02-28');
    expect(lastDay('2027-08-31', 1)).toBe('2027-09-29');
    expect(lastDay('2027-01-31', 12)).toBe('2028-01-30');
  });
});
