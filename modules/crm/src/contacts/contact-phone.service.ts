import { found, normalisePhone } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { getSettings } from '../settings/setting.service';
import type {
  PhoneChoiceInput,
  PhoneChoiceView,
  PhoneLookupInput,
  PhoneLookupView,
} from './contact-phone.schema';

const MAX_CANDIDATES = 20;

interface ContactPhones {
  readonly id: string;
  readonly phone: string | null;
  readonly mobile: string | null;
  readonly otherPhones: readonly string[];
}

/** Every phone field of a contact that holds a number, with the kind it is indexed as. */
function phoneFields(contact: ContactPhones) {
  return [
    { kind: 'work' as const, raw: contact.phone, field: 'phone' },
    { kind: 'mobile' as const, raw: contact.mobile, field: 'mobile' },
    ...contact.otherPhones.map((raw, index) => ({
      kind: 'additional' as const,
      raw,
      field: `otherPhones.${index}`,
    })),
  ].flatMap(({ raw, ...field }) => (raw ? [{ ...field, raw }] : []));
}

/**
 * Keeps the contact's numbers (work, mobile, additional) normalised to E.164 in the indexed
 * `crm.contact_phone`. Garbage in any field refuses the whole write, naming the field, so no number is
 * ever stored half-normalised.
 */
export async function indexContactPhones(tx: OrgTransaction, contact: ContactPhones): Promise<void> {
  const { defaultCountry } = await getSettings(tx);
  const rows = phoneFields(contact).map(({ kind, raw, field }) => ({
    contactId: contact.id,
    kind,
    ...normalisePhone(raw, defaultCountry, field),
  }));
  await tx.crmContactPhone.deleteMany({ where: { contactId: contact.id } });
  if (rows.length) await tx.crmContactPhone.createMany({ data: rows });
}

export interface PhoneBackfillBatch {
  /** The last contact looked at: the next batch starts after it. Null when none was left. */
  readonly lastContactId: string | null;
  readonly seen: number;
  readonly indexed: number;
  /** `<contact id> <field>` of numbers saved before they were checked that do not normalise. */
  readonly unreadable: readonly string[];
}

/**
 * One batch of the backfill: contacts (after `afterId`, in id order) with a number but no row in the
 * index get their numbers indexed. Numbers written before they were checked may be garbage: those are
 * reported and the contact's other numbers indexed, since refusing is no longer possible. A contact
 * with rows is never touched again, so running it twice, or after an interruption, is harmless.
 */
export async function backfillContactPhones(
  tx: OrgTransaction,
  afterId: string | null,
  limit: number,
): Promise<PhoneBackfillBatch> {
  const { defaultCountry } = await getSettings(tx);
  const contacts = await tx.crmContact.findMany({
    where: {
      ...(afterId && { id: { gt: afterId } }),
      phones: { none: {} },
      OR: [{ phone: { not: null } }, { mobile: { not: null } }, { otherPhones: { isEmpty: false } }],
    },
    select: { id: true, phone: true, mobile: true, otherPhones: true },
    orderBy: { id: 'asc' },
    take: limit,
  });
  const unreadable: string[] = [];
  const rows = contacts.flatMap((contact) =>
    phoneFields(contact).flatMap(({ kind, raw, field }) => {
      try {
        return [{ contactId: contact.id, kind, ...normalisePhone(raw, defaultCountry, field) }];
      } catch {
        unreadable.push(`${contact.id} ${field}`);
        return [];
      }
    }),
  );
  if (rows.length) await tx.crmContactPhone.createMany({ data: rows });
  return {
    lastContactId: contacts.at(-1)?.id ?? null,
    seen: contacts.length,
    indexed: new Set(rows.map((row) => row.contactId)).size,
    unreadable,
  };
}

interface CandidateRow {
  readonly contactId: string;
  readonly name: string;
  readonly companyId: string;
  readonly companyName: string;
  readonly phoneKind: 'work' | 'mobile' | 'additional';
  readonly remembered: boolean;
}

/**
 * Contacts with this number, with their companies; a remembered choice comes first and matches
 * directly. One statement on the (org_id, e164) index: it runs while a call rings.
 */
export async function lookupContactsByPhone(
  tx: OrgTransaction,
  { phone }: PhoneLookupInput,
): Promise<PhoneLookupView> {
  const { defaultCountry } = await getSettings(tx);
  const { e164 } = normalisePhone(phone, defaultCountry);
  const rows = await tx.$queryRaw<CandidateRow[]>`
    SELECT * FROM (
      SELECT DISTINCT ON (c.id) c.id AS "contactId", c.name, co.id AS "companyId", co.name AS "companyName",
             cp.kind::text AS "phoneKind", coalesce(pc.contact_id = c.id, false) AS remembered
      FROM crm.contact_phone cp
      JOIN crm.contact c ON c.id = cp.contact_id
      JOIN crm.company co ON co.id = c.company_id
      LEFT JOIN crm.phone_choice pc ON pc.org_id = cp.org_id AND pc.e164 = cp.e164
      WHERE cp.e164 = ${e164}
      ORDER BY c.id, cp.kind
    ) candidates
    ORDER BY remembered DESC, "contactId"
    LIMIT ${MAX_CANDIDATES}`;
  const candidates = rows.map(({ remembered: _, ...candidate }) => candidate);
  const match = rows[0]?.remembered
    ? 'remembered'
    : rows.length === 0
      ? 'none'
      : rows.length === 1
        ? 'one'
        : 'several';
  return { e164, match, candidates, createContact: match === 'none' ? { phone: e164 } : null };
}

/** Staff picked this contact for a number several share: later calls from it match directly. */
export async function rememberPhoneChoice(
  tx: OrgTransaction,
  { phone, contactId }: PhoneChoiceInput,
): Promise<PhoneChoiceView> {
  const { defaultCountry } = await getSettings(tx);
  const { e164 } = normalisePhone(phone, defaultCountry);
  const contact = found(
    await tx.crmContact.findFirst({ where: { id: contactId }, select: { companyId: true } }),
    `contact ${contactId}`,
  );
  await tx.$executeRaw`
    INSERT INTO crm.phone_choice (e164, contact_id) VALUES (${e164}, ${contactId}::uuid)
    ON CONFLICT (org_id, e164) DO UPDATE SET contact_id = EXCLUDED.contact_id, chosen_at = now()`;
  return { e164, contactId, companyId: contact.companyId };
}
