import { publish } from '@suite/bus';
import { formatMoney, found } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import { recordActivity } from '../activity/activity.service';
import { contactPayload } from '../contacts/contact.view';
import type { CompanyPromoteInput, CompanyView } from './company.schema';
import { companyInOrg } from './company.service';
import { toCompanyView } from './company.view';

async function contractDeal(
  tx: OrgTransaction,
  companyId: string,
  dealId: string | undefined,
): Promise<Prisma.CrmDealGetPayload<object> | null> {
  if (dealId === undefined)
    return tx.crmDeal.findFirst({ where: { companyId, stage: 'won' }, orderBy: { wonAt: 'desc' } });
  return found(
    await tx.crmDeal.findFirst({ where: { id: dealId, companyId } }),
    `deal ${dealId} of company ${companyId}`,
  );
}

/**
 * Flow 1: the company becomes a PSA client. Status, timeline and `crm.company.promoted` (contacts and
 * contract details) commit together; promoting again re-sends the current data.
 */
export async function promoteCompany(
  tx: OrgTransaction,
  input: CompanyPromoteInput,
  staff: { readonly user: { readonly id: string } },
): Promise<CompanyView> {
  await companyInOrg(tx, input.companyId);
  const deal = await contractDeal(tx, input.companyId, input.dealId);
  const promotedBy = staff.user.id;
  const promotedAt = new Date();
  const company = await tx.crmCompany.update({
    where: { id: input.companyId },
    data: { status: 'active', promotedAt },
  });
  const contacts = await tx.crmContact.findMany({
    where: { companyId: company.id },
    orderBy: { name: 'asc' },
  });
  const event = await publish(tx, {
    type: 'crm.company.promoted',
    data: {
      companyId: company.id,
      name: company.name,
      domain: company.domain,
      contacts: contacts.map(contactPayload),
      contract: deal && {
        dealId: deal.id,
        name: deal.name,
        monthlyValue: formatMoney(deal.recurringRevenue),
        currency: deal.currency,
        startDate: input.startDate ?? null,
        termMonths: input.termMonths ?? deal.termMonths,
      },
      promotedBy,
      promotedAt: promotedAt.toISOString(),
    },
  });
  await recordActivity(tx, {
    companyId: company.id,
    kind: 'company.promoted',
    title: `${company.name} promoted to a PSA client`,
    detail: { promotedBy, contacts: contacts.length, dealId: deal?.id ?? null },
    occurredAt: promotedAt,
    sourceKey: event.id,
  });
  return toCompanyView(company);
}
