import { z } from 'zod';

/** Money as a decimal string ("1234.50"): exact across JSON, Kafka and every language. */
export const money = z
  .string()
  .regex(/^-?\d{1,12}(\.\d{1,2})?$/, 'expected a decimal amount like "1234.50"')
  .describe('Decimal amount with up to two fraction digits, as a string.');

export const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "USD"')
  .describe('ISO 4217 currency code.');

export const timestamp = z.iso.datetime({ offset: true }).describe('RFC 3339 timestamp.');
export const entityId = z.uuid();
export const hubUserId = z.string().min(1).describe("Hub's subject identifier (`sub`) of a staff user.");
