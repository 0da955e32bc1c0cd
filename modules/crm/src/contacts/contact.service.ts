import { publish } from '@suite/bus';
import type { OrgTransaction } from '@suite/db';
import { foundInOrg } from '@suite/hub-auth';
import type { z } from 'zod';
import { companyInOrg, toContactView } from '../companies/company.service';
import type { contactCreateInput, contactUpdateInput } from './contact.schema';
import { contactPayload } from './contact.view';

type Contact = Parameters<typeof contactPayload>[0] & { readonly companyId: string };
type Change = 'created' | 'updated' | 'removed';

/** Flow 1, later on: contact changes of a promoted company keep flowing to PSA. */
async function publishIfPromoted(tx: OrgTransaction, contact: Contact, change: Change): Promise<void> {
  const company = await tx.crmCompany.findFirst({
    where: { id: contact.companyId },
    select: { promotedAt: true },
  });
  if (!company?.promotedAt) return;
  await publish(tx, {
    type: 'crm.company.contact_changed',
    data: {
      companyId: contact.companyId,
      change,
      contact: contactPayload(contact),
      changedAt: new Date().toISOString(),
    },
  });
}

async function contactInOrg(tx: OrgTransaction, contactId: string) {
  return foundInOrg(await tx.crmContact.findFirst({ where: { id: contactId } }), `contact ${contactId}`);
}

export async function createContact(tx: OrgTransaction, input: z.infer<typeof contactCreateInput>) {
  await companyInOrg(tx, input.companyId);
  const contact = await tx.crmContact.create({ data: input });
  await publishIfPromoted(tx, contact, 'created');
  return toContactView(contact);
}

export async function updateContact(
  tx: OrgTransaction,
  { contactId, ...changes }: z.infer<typeof contactUpdateInput>,
) {
  await contactInOrg(tx, contactId);
  const contact = await tx.crmContact.update({ where: { id: contactId }, data: changes });
  await publishIfPromoted(tx, contact, 'updated');
  return toContactView(contact);
}

export async function removeContact(tx: OrgTransaction, contactId: string) {
  const contact = await contactInOrg(tx, contactId);
  await tx.crmContact.delete({ where: { id: contactId } });
  await publishIfPromoted(tx, contact, 'removed');
  return { contactId };
}
