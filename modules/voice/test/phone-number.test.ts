import { isDomainError, normalisePhone } from '@suite/contracts';
import { describe, expect, it } from 'vitest';

// The number formats staff and vendors give, normalised as contacts and callers are matched on.
describe('phone numbers normalised to E.164 with the org default country', () => {
  it.each([
    ['+44 20 7946 0018', 'US', '+442079460018'],
    ['020 7946 0018', 'GB', '+442079460018'],
    ['(415) 555-0100', 'US', '+14155550100'],
    ['+1 415-555-0100', 'GB', '+14155550100'],
  ])('%s with default %s is %s', (raw, country, e164) => {
    expect(normalisePhone(raw, country)).toEqual({ e164, extension: null });
  });

  it('keeps an extension apart from the number it matches on', () => {
    expect(normalisePhone('(415) 555-0100 ext. 12', 'US')).toEqual({ e164: '+14155550100', extension: '12' });
    expect(normalisePhone('+44 20 7946 0018 x 7', 'US')).toEqual({ e164: '+442079460018', extension: '7' });
  });

  it('reads a national number in the default country, so the same digits differ by org', () => {
    expect(normalisePhone('020 7946 0018', 'GB').e164).toBe('+442079460018');
    expect(() => normalisePhone('020 7946 0018', 'US')).toThrow(/is not a valid number in US/);
  });

  it.each(['call me maybe', '12', '+44 20', '', '++--'])('refuses garbage %j, naming the field', (raw) => {
    let error: unknown;
    try {
      normalisePhone(raw, 'GB', 'otherPhones.1');
    } catch (caught) {
      error = caught;
    }
    expect(isDomainError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'invalid', field: 'otherPhones.1' });
    expect((error as Error).message).toMatch(/^otherPhones\.1: .* give the number with its country code/);
  });
});
