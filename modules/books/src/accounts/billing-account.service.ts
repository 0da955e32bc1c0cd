import type { crmCompanyPromoted, EventData } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';

export interface BillingAccountRow {
  id: string;
  crmCompanyId: string;
  currency: string;
  taxRateBp: number;
  paymentTermsDays: number;
}

/** The client's billing account, created on first need in the currency it is first billed in. */
export async function ensureBillingAccount(
  tx: OrgTransaction,
  crmCompanyId: string,
  currency: string,
): Promise<BillingAccountRow> {
  const existing = await tx.booksBillingAccount.findFirst({ where: { crmCompanyId } });
  return existing ?? (await tx.booksBillingAccount.create({ data: { crmCompanyId, currency } }));
}

/** CRM's promotion names the client and its contacts: the account takes the name and a billing contact. */
export async function applyPromotion(
  tx: OrgTransaction,
  data: EventData<typeof crmCompanyPromoted>,
): Promise<void> {
  const contact = data.contacts.find((candidate) => candidate.email !== null) ?? null;
  const fields = {
    name: data.name,
    billingContact: contact?.name ?? null,
    billingEmail: contact?.email ?? null,
  };
  const account = await tx.booksBillingAccount.findFirst({ where: { crmCompanyId: data.companyId } });
  if (account) await tx.booksBillingAccount.update({ where: { id: account.id }, data: fields });
  else
    await tx.booksBillingAccount.create({
      data: { ...fields, crmCompanyId: data.companyId, currency: data.contract?.currency ?? 'USD' },
    });
}
