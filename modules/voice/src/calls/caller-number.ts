import { normalisePhone } from '@suite/contracts';

/** What a call keeps instead of a number its caller withheld (the columns are not nullable). */
export const WITHHELD_NUMBER = 'withheld';

// Twilio presents a withheld caller id as a word, as empty, or as one of these keypad spellings:
// +266696687 ANONYMOUS, +7378742833 RESTRICTED, +86282452253 UNAVAILABLE, +2562533 BLOCKED, +8656696 UNKNOWN.
const WITHHELD_WORDS = new Set([
  '',
  'anonymous',
  'restricted',
  'private',
  'unknown',
  'unavailable',
  'blocked',
]);
const WITHHELD_SPELLINGS = new Set(['+266696687', '+7378742833', '+86282452253', '+2562533', '+8656696']);

export function isWithheld(raw: string): boolean {
  const trimmed = raw.trim();
  return WITHHELD_WORDS.has(trimmed.toLowerCase()) || WITHHELD_SPELLINGS.has(trimmed.replace(/\s/g, ''));
}

/**
 * The caller's number as the vendor presented it: E.164, or `withheld` when the caller hid it. Anything
 * else that does not parse is refused naming the field, as every number is.
 */
export function callerNumber(raw: string, defaultCountry: string, field: string): string {
  return isWithheld(raw) ? WITHHELD_NUMBER : normalisePhone(raw, defaultCountry, field).e164;
}

/** A number as events tell it: null for a withheld one. */
export const eventNumber = (stored: string): string | null => (stored === WITHHELD_NUMBER ? null : stored);
