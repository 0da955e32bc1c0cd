import { found, invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';
import { companyCreateInput, companyUpdateInput } from '../companies/company.schema';
import { createCompany, updateCompany } from '../companies/company.service';
import { contactCreateInput, contactUpdateInput } from '../contacts/contact.schema';
import { createContact, removeContact, updateContact } from '../contacts/contact.service';
import type {
  RecordById,
  RecordCreateInput,
  RecordDeleted,
  RecordUpdateInput,
  RecordView,
} from './record.schema';
import { joinName, splitName } from './record-name';
import { getRecord, knownFields, WITH_COMPANY_NAME } from './record-read.service';

/** Validated by the staff API's own schema, its complaint named by the record field it came from. */
function checked<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const column = String(issue?.path[0] ?? '');
  const field = `fields.${column === 'name' ? 'lastName' : column}`;
  throw invalid(`${field}: ${issue?.message ?? 'invalid'}`, field);
}

/** An empty string clears a field. */
const orNull = (value: string | undefined) => (value === undefined ? undefined : value || null);

/** The company a contact's companyName names (any case), created when the org has none by that name. */
async function companyNamed(tx: OrgTransaction, name: string): Promise<string> {
  const existing = await tx.crmCompany.findFirst({
    where: { name: { equals: name.trim(), mode: 'insensitive' } },
  });
  return existing?.id ?? (await createCompany(tx, checked(companyCreateInput, { name }))).id;
}

function contactColumns(fields: Record<string, string>) {
  return {
    email: orNull(fields.email),
    phone: orNull(fields.phone),
    mobile: orNull(fields.mobile),
    title: orNull(fields.title),
  };
}

export async function createRecord(
  tx: OrgTransaction,
  { object, fields }: RecordCreateInput,
): Promise<RecordView> {
  knownFields(object, fields);
  if (object === 'company') {
    const company = await createCompany(
      tx,
      checked(companyCreateInput, { name: fields.name, domain: orNull(fields.domain) }),
    );
    return found(await getRecord(tx, { object, id: company.id }), `company ${company.id}`);
  }
  if (!fields.companyName)
    throw invalid(
      'fields.companyName: a CRM contact belongs to a company; give its name',
      'fields.companyName',
    );
  const input = checked(contactCreateInput, {
    companyId: await companyNamed(tx, fields.companyName),
    name: joinName(fields.firstName ?? '', fields.lastName ?? ''),
    ...contactColumns(fields),
  });
  const contact = await createContact(tx, input);
  return found(await getRecord(tx, { object, id: contact.id }), `contact ${contact.id}`);
}

/** A partial update: fields left out keep their values; first and last name change apart. */
export async function updateRecord(
  tx: OrgTransaction,
  { object, id, fields }: RecordUpdateInput,
): Promise<RecordView> {
  knownFields(object, fields);
  if (object === 'company') {
    await updateCompany(
      tx,
      checked(companyUpdateInput, { companyId: id, name: fields.name, domain: orNull(fields.domain) }),
    );
    return found(await getRecord(tx, { object, id }), `company ${id}`);
  }
  const contact = found(
    await tx.crmContact.findFirst({ where: { id }, include: WITH_COMPANY_NAME }),
    `contact ${id}`,
  );
  const names = splitName(contact.name);
  const renamed = fields.firstName !== undefined || fields.lastName !== undefined;
  const input = checked(contactUpdateInput, {
    contactId: id,
    ...(renamed && {
      name: joinName(fields.firstName ?? names.firstName, fields.lastName ?? names.lastName),
    }),
    ...contactColumns(fields),
  });
  if (fields.companyName)
    await tx.crmContact.update({
      where: { id },
      data: { companyId: await companyNamed(tx, fields.companyName) },
    });
  await updateContact(tx, input);
  return found(await getRecord(tx, { object, id }), `contact ${id}`);
}

/** Contacts are deleted outright; companies only from the staff console, where their deals show. */
export async function deleteRecord(tx: OrgTransaction, { object, id }: RecordById): Promise<RecordDeleted> {
  if (object === 'company')
    throw invalid(
      'object: CRM deletes companies only from its staff console (their deals, quotes and tickets go with them)',
      'object',
    );
  await removeContact(tx, { contactId: id });
  return { deleted: true, hardDeleted: true };
}
