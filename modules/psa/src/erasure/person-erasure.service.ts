import type { ModuleErasureReport, PersonToErase } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';

/**
 * PSA's part of the right to erasure: its copies of CRM contacts (name, email, phone, title). Tickets,
 * CSAT and contracts name no person. PSA keeps numbers as typed, so a copy matches by email, or by
 * phone when its digits are the E.164 number's (an international spelling such as `+44 20 7946 0018`).
 */
export async function erasePerson(
  tx: OrgTransaction,
  { email, phone }: PersonToErase,
): Promise<ModuleErasureReport> {
  const contacts = await tx.$executeRaw`
    DELETE FROM psa.client_contact
     WHERE lower(email) = ${email ?? null}
        OR '+' || regexp_replace(phone, '[^0-9]', '', 'g') = ${phone ?? null}`;
  return { module: 'psa', erased: [{ kind: 'client contact', count: contacts }] };
}
