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

/**
 * Keeps the contact's numbers (work, mobile, additional) normalised to E.164 in the indexed
 * `crm.contact_phone`. Garbage in any field refuses the whole write, naming the field, so no number is
 * ever stored half-normalised.
 */
export async function indexContactPhones(tx: OrgTransaction, contact: ContactPhones): Promise<void> {
  const { defaultCountry } = await getSettings(tx);
  const fields = [
    { kind: 'work' as const, raw: contact.phone, field: 'phone' },
    { kind: 'mobile' as const, raw: contact.mobile, field: 'mobile' },
    ...contact.otherPhones.map((raw, index) => ({
      kind: 'additional' as const,
      raw,
      field: `otherPhones.${index}`,
    })),
  ];
  const rows = fields.flatMap(({ kind, raw, field }) =>
    raw ? [{ contactId: contact.id, kind, ...normalisePhone(raw, defaultCountry, field) }] : [],
  );
  await tx.crmContactPhone.deleteMany({ where: { contactId: contact.id } });
  if (rows.length) await tx.crmContactPhone.createMany({ data: rows });
}

/** Contacts with this number, with their companies; a remembered choice comes first and matches directly. */
export async function lookupContactsByPhone(
  tx: OrgTransaction,
  { phone }: PhoneLookupInput,
): Promise<PhoneLookupView> {
  const { defaultCountry } = await getSettings(tx);
  const { e164 } = normalisePhone(phone, defaultCountry);
  const [rows, choice] = await Promise.all([
    tx.crmContactPhone.findMany({
      where: { e164 },
      take: MAX_CANDIDATES,
      orderBy: { contactId: 'asc' },
      select: {
        kind: true,
        contact: { select: { id: true, name: true, company: { select: { id: true, name: true } } } },
      },
    }),
    tx.crmPhoneChoice.findFirst({ where: { e164 }, select: { contactId: true } }),
  ]);
  const seen = new Set<string>();
  const candidates = rows
    .filter(({ contact }) => !seen.has(contact.id) && seen.add(contact.id))
    .map(({ kind, contact }) => ({
      contactId: contact.id,
      name: contact.name,
      companyId: contact.company.id,
      companyName: contact.company.name,
      phoneKind: kind,
    }))
    .sort((a, b) => Number(b.contactId === choice?.contactId) - Number(a.contactId === choice?.contactId));
  const remembered = choice !== null && candidates[0]?.contactId === choice.contactId;
  const match = remembered
    ? 'remembered'
    : candidates.length === 0
      ? 'none'
      : candidates.length === 1
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
