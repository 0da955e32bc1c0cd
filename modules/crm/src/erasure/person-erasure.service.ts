import type { ModuleErasureReport, PersonToErase } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';

/** What a redacted timeline entry says instead of its title; its time and kind stay for the company's history. */
export const ERASED_TITLE = 'Erased at the person’s request';

async function contactsOf(tx: OrgTransaction, { email, phone }: PersonToErase): Promise<string[]> {
  // One after the other: a transaction is one connection, and it runs one query at a time.
  const byEmail = email
    ? await tx.crmContactEmail.findMany({ where: { address: email }, select: { contactId: true } })
    : [];
  const byPhone = phone
    ? await tx.crmContactPhone.findMany({ where: { e164: phone }, select: { contactId: true } })
    : [];
  return [...new Set([...byEmail, ...byPhone].map((row) => row.contactId))];
}

/** Synced emails the person sent, received or was copied on, or that matched their contact: deleted. */
async function deleteSyncedEmails(
  tx: OrgTransaction,
  email: string | undefined,
  contactIds: readonly string[],
): Promise<number> {
  return tx.$executeRaw`
    DELETE FROM crm.activity
     WHERE kind = 'email'
       AND (lower(detail->>'from') = ${email ?? null}
            OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(
                         coalesce(detail->'to', '[]'::jsonb) || coalesce(detail->'cc', '[]'::jsonb)) AS a(address)
                        WHERE lower(a.address) = ${email ?? null})
            OR coalesce(detail->'contactIds', '[]'::jsonb) ?| ${[...contactIds]}::text[])`;
}

/**
 * Other timeline entries about the person (notes, logged calls, anything whose detail names their
 * address or number): the body and title go, the entry's kind and time stay so the company's history
 * keeps its shape. Already redacted entries are left alone, so a second run counts nothing.
 */
async function redactActivities(
  tx: OrgTransaction,
  { email, phone }: PersonToErase,
  contactIds: readonly string[],
): Promise<number> {
  const terms = [email, phone].filter((term): term is string => !!term);
  return tx.$executeRaw`
    UPDATE crm.activity
       SET title = ${ERASED_TITLE}, detail = '{}'::jsonb, contact_id = NULL
     WHERE title <> ${ERASED_TITLE}
       AND (contact_id = ANY(${[...contactIds]}::uuid[])
            OR EXISTS (SELECT 1 FROM unnest(${terms}::text[]) AS t(term)
                        WHERE strpos(lower(detail::text), t.term) > 0))`;
}

/**
 * CRM's part of the right to erasure: the contacts with that address or number (their E.164 and email
 * match rows, phone choices and enrollments go with them), the synced emails about them, and the
 * bodies of their timeline entries. Nothing is published: an event would carry the person again.
 */
export async function erasePerson(tx: OrgTransaction, person: PersonToErase): Promise<ModuleErasureReport> {
  const contactIds = await contactsOf(tx, person);
  const emails = await deleteSyncedEmails(tx, person.email, contactIds);
  const activities = await redactActivities(tx, person, contactIds);
  const choices = person.phone
    ? (await tx.crmPhoneChoice.deleteMany({ where: { e164: person.phone } })).count
    : 0;
  const contacts = (await tx.crmContact.deleteMany({ where: { id: { in: contactIds } } })).count;
  return {
    module: 'crm',
    erased: [
      { kind: 'contact', count: contacts },
      { kind: 'synced email', count: emails },
      { kind: 'timeline entry redacted', count: activities },
      { kind: 'phone choice', count: choices },
    ],
  };
}
