import { z } from 'zod';

/**
 * The suite's hard edges: every text, amount and quantity that crosses an API or the bus is one of
 * these, so bad input is refused at the edge naming its field, never by PostgreSQL with a 500.
 */

/** PostgreSQL refuses NUL in text (22021); a lone surrogate is no character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (value: string) => !value.includes('\0') && !LONE_SURROGATE.test(value);

/** Free text of at most `max` characters, without NUL or lone surrogates; `min: 1` after trimming for names. */
export function text(max: number, { min = 0 }: { min?: number } = {}) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(storable, 'expected text without NUL characters or lone surrogates');
}

/** A name or title: 1 to 200 characters. */
export const name = text(200, { min: 1 });

/** Largest amount a `numeric(14, 2)` column holds. */
export const MAX_MONEY = '999999999999.99';

/**
 * Money as a decimal string ("1234.50"): exact across JSON, Kafka and every language. Never negative:
 * what reduces a total is its own line kind (a discount), not a negative price. Fits `numeric(14, 2)`.
 */
export const money = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, 'expected an amount of 0 or more like "1234.50" (at most 999999999999.99)')
  .describe('Decimal amount of 0 or more with up to two fraction digits, as a string.');

/** A quantity of a line: more than 0, at most a million, two fraction digits (fits `numeric(12, 2)`). */
export const quantity = z
  .number()
  .positive()
  .max(1_000_000)
  .refine(
    (value) => Number.isInteger(Math.round(value * 100 * 1e6) / 1e6),
    'expected at most two fraction digits',
  )
  .describe('More than 0 and at most 1000000, with up to two fraction digits.');

export const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "USD"')
  .describe('ISO 4217 currency code.');

export const timestamp = z.iso.datetime({ offset: true }).describe('RFC 3339 timestamp.');
export const entityId = z.uuid();
export const hubUserId = text(200, { min: 1 }).describe("Hub's subject identifier (`sub`) of a staff user.");
/** An opaque paging cursor this API gave out. */
export const cursor = text(200, { min: 1 }).describe('`nextCursor` of the previous page.');
/** A small positive count: months of a term, a page size. */
export const count = (max: number) => z.number().int().positive().max(max);
