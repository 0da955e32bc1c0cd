import type { crmCompanyContactChanged, crmCompanyPromoted, crmContact, EventData } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';

type Promotion = EventData<typeof crmCompanyPromoted>;
type ContactChange = EventData<typeof crmCompanyContactChanged>;
type CrmContact = z.infer<typeof crmContact>;

async function upsertContact(tx: OrgTransaction, clientId: string, contact: CrmContact): Promise<void> {
  const { contactId, name, email, phone, title } = contact;
  const fields = { clientId, name, email, phone, title };
  const existing = await tx.psaClientContact.findFirst({ where: { crmContactId: contactId } });
  if (existing) await tx.psaClientContact.update({ where: { id: existing.id }, data: fields });
  else await tx.psaClientContact.create({ data: { ...fields, crmContactId: contactId } });
}

/** The promotion's contract becomes a draft; once sent or signed, only an amendment changes it. */
async function syncDraftContract(
  tx: OrgTransaction,
  clientId: string,
  contract: NonNullable<Promotion['contract']>,
): Promise<void> {
  const fields = {
    name: contract.name,
    monthlyValue: contract.monthlyValue,
    currency: contract.currency,
    startDate: contract.startDate ? new Date(contract.startDate) : null,
    termMonths: contract.termMonths,
  };
  const existing = await tx.psaContract.findFirst({ where: { clientId, crmDealId: contract.dealId } });
  if (!existing) await tx.psaContract.create({ data: { ...fields, clientId, crmDealId: contract.dealId } });
  else if (existing.status === 'draft')
    await tx.psaContract.update({ where: { id: existing.id }, data: fields });
}

/**
 * Creates or updates the client of a promoted company. The promotion carries the company's whole
 * contact list, so contacts CRM no longer lists are removed.
 */
export async function applyPromotion(tx: OrgTransaction, promotion: Promotion): Promise<void> {
  const { companyId, name, domain } = promotion;
  const existing = await tx.psaClient.findFirst({ where: { crmCompanyId: companyId } });
  const client = existing
    ? await tx.psaClient.update({ where: { id: existing.id }, data: { name, domain } })
    : await tx.psaClient.create({ data: { crmCompanyId: companyId, name, domain } });
  for (const contact of promotion.contacts) await upsertContact(tx, client.id, contact);
  await tx.psaClientContact.deleteMany({
    where: { clientId: client.id, crmContactId: { notIn: promotion.contacts.map((c) => c.contactId) } },
  });
  if (promotion.contract) await syncDraftContract(tx, client.id, promotion.contract);
}

/** Applies a contact change of a promoted company; returns false when the company is no client here. */
export async function applyContactChange(tx: OrgTransaction, change: ContactChange): Promise<boolean> {
  const client = await tx.psaClient.findFirst({ where: { crmCompanyId: change.companyId } });
  if (!client) return false;
  if (change.change === 'removed')
    await tx.psaClientContact.deleteMany({ where: { crmContactId: change.contact.contactId } });
  else await upsertContact(tx, client.id, change.contact);
  return true;
}
