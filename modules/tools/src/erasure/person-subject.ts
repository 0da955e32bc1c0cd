import { createHash } from 'node:crypto';
import { invalid, normalisePhone, type PersonToErase } from '@suite/contracts';
import { z } from 'zod';
import type { ForgetInput } from './forget.schema';

/** The countries' default when a national number is given without one (Voice's default too). */
const DEFAULT_COUNTRY = 'US';

/** The person as modules match them: a lower-cased email, an E.164 number; refusals name the field. */
export function personToErase({ email, phone, country }: ForgetInput): PersonToErase {
  if (!email && !phone)
    throw invalid('email: give the email or the phone number of the person to forget (or both)', 'email');
  if (email && !z.email().safeParse(email).success)
    throw invalid(
      `email: "${email.slice(0, 60)}" is not an email address; give it as name@example.com`,
      'email',
    );
  return {
    ...(email && { email: email.toLowerCase() }),
    ...(phone && { phone: normalisePhone(phone, country ?? DEFAULT_COUNTRY, 'phone').e164 }),
  };
}

export interface IdentifierHash {
  readonly kind: 'email' | 'phone';
  readonly hash: string;
}

/**
 * SHA-256 of `<org id>:<identifier>`: the audit trail and the bus name the person by it, never in
 * clear. A sister product holding the same address finds it by hashing its own copy the same way.
 */
export function identifierHashes(orgId: string, person: PersonToErase): IdentifierHash[] {
  const hash = (identifier: string) => createHash('sha256').update(`${orgId}:${identifier}`).digest('hex');
  return [
    ...(person.email ? [{ kind: 'email' as const, hash: hash(person.email) }] : []),
    ...(person.phone ? [{ kind: 'phone' as const, hash: hash(person.phone) }] : []),
  ];
}
