import { publish } from '@suite/bus';
import { found } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import { companyInOrg } from '../companies/company.service';
import type { ByContactId, ContactCreateInput, ContactUpdateInput, ContactView } from './contact.schema';
import { contactPayload, toContactView } from './contact.view';
import { indexContactPhones } from './contact-phone.service';

type ContactRecord = Prisma.CrmContactGetPayload<object>;
type Change = 'created' | 'updated' | 'removed';

/** Flow 1, later on: contact changes of a promoted company keep flowing to PSA. */
async function publishIfPromoted(tx: OrgTransaction, contact: ContactRecord, change: Change): Promise<void> {
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

async function contactInOrg(tx: OrgTransaction, contactId: string): Promise<ContactRecord> {
  return found(await tx.crmContact.findFirst({ where: { id: contactId } }), `contact ${contactId}`);
}

export async function createContact(tx: OrgTransaction, input: ContactCreateInput): Promise<ContactView> {
  await companyInOrg(tx, input.companyId);
  const contact = await tx.crmContact.create({ data: input });
  await indexContactPhones(tx, contact);
  await publishIfPromoted(tx, contact, 'created');
  return toContactView(contact);
}

export async function updateContact(
  tx: OrgTransaction,
  { contactId, ...changes }: ContactUpdateInput,
): Promise<ContactView> {
  const before = await contactInOrg(tx, contactId);
  // A bounce was of the old address: the new one has not bounced.
  const newAddress =
    changes.email !== undefined && changes.email?.toLowerCase() !== before.email?.toLowerCase();
  const contact = await tx.crmContact.update({
    where: { id: contactId },
    data: newAddress ? { ...changes, emailBouncedAt: null, emailBounceReason: null } : changes,
  });
  await indexContactPhones(tx, contact);
  await publishIfPromoted(tx, contact, 'updated');
  return toContactView(contact);
}

export async function removeContact(tx: OrgTransaction, { contactId }: ByContactId): Promise<ByContactId> {
  const contact = await contactInOrg(tx, contactId);
  await tx.crmContact.delete({ where: { id: contactId } });
  await publishIfPromoted(tx, contact, 'removed');
  return { contactId };
}
