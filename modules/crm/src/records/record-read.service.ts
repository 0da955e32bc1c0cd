import { CRM_RECORD_FIELDS, invalid, normalisePhone } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import { getSettings } from '../settings/setting.service';
import type {
  RecordById,
  RecordFindInput,
  RecordList,
  RecordListRecentInput,
  RecordSearchInput,
  RecordView,
} from './record.schema';
import { companyRecord, contactRecord } from './record.view';

export const WITH_COMPANY_NAME = { company: { select: { name: true } } } as const;

const insensitive = (value: string) => ({ equals: value, mode: 'insensitive' as const });
const containing = (value: string) => ({ contains: value, mode: 'insensitive' as const });

/** A record of the org by id; null when it has none (another org's record looks the same). */
export async function getRecord(tx: OrgTransaction, { object, id }: RecordById): Promise<RecordView | null> {
  if (object === 'company') {
    const company = await tx.crmCompany.findFirst({ where: { id } });
    return company && companyRecord(company);
  }
  const contact = await tx.crmContact.findFirst({ where: { id }, include: WITH_COMPANY_NAME });
  return contact && contactRecord(contact);
}

const CONTACT_FINDERS: Record<string, (value: string) => Prisma.CrmContactWhereInput> = {
  email: (value) => ({ email: insensitive(value) }),
  title: (value) => ({ title: insensitive(value) }),
  companyName: (value) => ({ company: { name: insensitive(value) } }),
};
const COMPANY_FINDERS: Record<string, (value: string) => Prisma.CrmCompanyWhereInput> = {
  name: (value) => ({ name: insensitive(value) }),
  domain: (value) => ({ domain: insensitive(value) }),
};

/** Phone fields match on the number, however it is written: through the E.164 index calls use. */
const PHONE_KINDS = { phone: 'work', mobile: 'mobile' } as const;

/** Records whose field equals the value in any case (phones as numbers), most recently changed first. */
export async function findRecords(tx: OrgTransaction, input: RecordFindInput): Promise<RecordList> {
  const kind = input.object === 'contact' ? PHONE_KINDS[input.field as keyof typeof PHONE_KINDS] : undefined;
  if (kind) {
    const { e164 } = normalisePhone(input.value, (await getSettings(tx)).defaultCountry, 'value');
    return contactsWhere(tx, { phones: { some: { kind, e164 } } }, input.limit);
  }
  const finders = input.object === 'contact' ? CONTACT_FINDERS : COMPANY_FINDERS;
  const finder = finders[input.field];
  if (!finder)
    throw invalid(
      `field: a ${input.object} cannot be found by "${input.field}"; use one of ${[...(input.object === 'contact' ? Object.keys(PHONE_KINDS) : []), ...Object.keys(finders)].join(', ')}`,
      'field',
    );
  return input.object === 'contact'
    ? contactsWhere(tx, finder(input.value) as Prisma.CrmContactWhereInput, input.limit)
    : companiesWhere(tx, finder(input.value) as Prisma.CrmCompanyWhereInput, input.limit);
}

/** Records with the text in a name, email, phone or domain. */
export function searchRecords(
  tx: OrgTransaction,
  { object, query, limit }: RecordSearchInput,
): Promise<RecordList> {
  const text = containing(query);
  return object === 'contact'
    ? contactsWhere(
        tx,
        {
          OR: [
            { name: text },
            { email: text },
            { phone: text },
            { mobile: text },
            { company: { name: text } },
          ],
        },
        limit,
      )
    : companiesWhere(tx, { OR: [{ name: text }, { domain: text }] }, limit);
}

export function listRecentRecords(
  tx: OrgTransaction,
  { object, since, limit }: RecordListRecentInput,
): Promise<RecordList> {
  const changed = since ? { updatedAt: { gte: new Date(since) } } : {};
  return object === 'contact' ? contactsWhere(tx, changed, limit) : companiesWhere(tx, changed, limit);
}

async function contactsWhere(
  tx: OrgTransaction,
  where: Prisma.CrmContactWhereInput,
  limit: number,
): Promise<RecordList> {
  const rows = await tx.crmContact.findMany({
    where,
    include: WITH_COMPANY_NAME,
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    take: limit,
  });
  return { records: rows.map(contactRecord) };
}

async function companiesWhere(
  tx: OrgTransaction,
  where: Prisma.CrmCompanyWhereInput,
  limit: number,
): Promise<RecordList> {
  const rows = await tx.crmCompany.findMany({
    where,
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    take: limit,
  });
  return { records: rows.map(companyRecord) };
}

/** Checked before any write: every field is one CRM has for the object. */
export function knownFields(object: RecordView['object'], fields: Record<string, string>): void {
  const known: readonly string[] = CRM_RECORD_FIELDS[object];
  for (const field of Object.keys(fields))
    if (!known.includes(field))
      throw invalid(
        `fields.${field}: unknown ${object} field; expected one of ${known.join(', ')}`,
        `fields.${field}`,
      );
}
