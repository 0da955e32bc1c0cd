import type { RecordView } from './record.schema';
import { splitName } from './record-name';

interface ContactRow {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly mobile: string | null;
  readonly title: string | null;
  readonly updatedAt: Date;
  readonly company: { readonly name: string };
}

interface CompanyRow {
  readonly id: string;
  readonly name: string;
  readonly domain: string | null;
  readonly updatedAt: Date;
}

/** Only fields with a value, so a driver reads "absent" the same way from every CRM. */
function present(fields: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => !!entry[1]));
}

export function contactRecord(row: ContactRow): RecordView {
  const { email, phone, mobile, title } = row;
  return {
    object: 'contact',
    id: row.id,
    fields: present({ ...splitName(row.name), email, phone, mobile, title, companyName: row.company.name }),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function companyRecord(row: CompanyRow): RecordView {
  return {
    object: 'company',
    id: row.id,
    fields: present({ name: row.name, domain: row.domain }),
    updatedAt: row.updatedAt.toISOString(),
  };
}
