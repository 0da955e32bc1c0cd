import { isDomainError } from '@suite/contracts';
import { describe, expect, it } from 'vitest';
import { callerNumber, eventNumber, WITHHELD_NUMBER } from '../src/calls/caller-number';

// Callers who hide their number reach Voice in Twilio's spellings; they are kept as withheld, not refused.
describe("a caller's number", () => {
  it.each([
    'anonymous',
    'Anonymous',
    'restricted',
    'private',
    'unknown',
    '',
    ' ',
    '+266696687',
    '+7378742833',
    '+86282452253',
    '+2562533',
    '+8656696',
  ])('%j is a withheld caller', (raw) => {
    expect(callerNumber(raw, 'GB', 'from')).toBe(WITHHELD_NUMBER);
  });

  it('is E.164 otherwise, read in the default country', () => {
    expect(callerNumber('020 7946 0018', 'GB', 'from')).toBe('+442079460018');
    expect(callerNumber('+14155550100', 'GB', 'from')).toBe('+14155550100');
  });

  it('refuses garbage that is no withheld spelling, naming the field', () => {
    let error: unknown;
    try {
      callerNumber('call me maybe', 'GB', 'from');
    } catch (caught) {
      error = caught;
    }
    expect(isDomainError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'invalid', field: 'from' });
  });

  it('is null in events when withheld', () => {
    expect(eventNumber(WITHHELD_NUMBER)).toBeNull();
    expect(eventNumber('+442079460018')).toBe('+442079460018');
  });
});
