import { type CountryCode, getCountries, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { z } from 'zod';
import { invalid } from '../errors/domain-errors';

const COUNTRIES = new Set<string>(getCountries());

/** An ISO 3166-1 alpha-2 country a national number (`020 7946 0018`) is read in. */
export const phoneCountry = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166 country code in capitals, e.g. GB')
  .refine((code) => COUNTRIES.has(code), 'not a country libphonenumber knows, e.g. GB or US')
  .describe('The default country of national numbers (ISO 3166-1 alpha-2).');

export interface PhoneNumber {
  /** E.164: `+442079460018`. What the suite stores and matches on. */
  readonly e164: string;
  /** The extension dialled after the number (`ext. 12`), kept apart: it is not part of the match. */
  readonly extension: string | null;
}

/**
 * A phone number as a person typed it, normalised with libphonenumber's metadata. National numbers are
 * read in `defaultCountry`. Garbage is refused with `invalid(…, field)` so nothing half-normalised is
 * ever stored.
 */
export function normalisePhone(raw: string, defaultCountry: string, field = 'phone'): PhoneNumber {
  const refuse = (why: string) =>
    invalid(
      `${field}: "${raw.slice(0, 60)}" ${why}; give the number with its country code (+44 20 7946 0018) or as dialled in ${defaultCountry}`,
      field,
    );
  let parsed: ReturnType<typeof parsePhoneNumberWithError>;
  try {
    parsed = parsePhoneNumberWithError(raw, defaultCountry as CountryCode);
  } catch {
    throw refuse('is not a phone number');
  }
  if (!parsed.isValid()) throw refuse(`is not a valid number in ${parsed.country ?? defaultCountry}`);
  return { e164: parsed.number, extension: parsed.ext ?? null };
}
