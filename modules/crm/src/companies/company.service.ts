import { DomainError, found } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import { toContactView } from '../contacts/contact.view';
import type {
  ByCompanyId,
  CompanyCreateInput,
  CompanyDetailView,
  CompanyListInput,
  CompanyUpdateInput,
  CompanyView,
} from './company.schema';
import { toCompanyView } from './company.view';

export type CompanyRecord = Prisma.CrmCompanyGetPayload<object>;

/** The company in the transaction's org, or NOT_FOUND (another org's company looks missing). */
export async function companyInOrg(tx: OrgTransaction, companyId: string): Promise<CompanyRecord> {
  return found(await tx.crmCompany.findFirst({ where: { id: companyId } }), `company ${companyId}`);
}

export async function listCompanies(tx: OrgTransaction, filter: CompanyListInput): Promise<CompanyView[]> {
  const rows = await tx.crmCompany.findMany({
    where: {
      status: filter.status,
      ...(filter.search && { name: { contains: filter.search, mode: 'insensitive' as const } }),
    },
    orderBy: { name: 'asc' },
    take: 200,
  });
  return rows.map(toCompanyView);
}

export async function getCompany(tx: OrgTransaction, { companyId }: ByCompanyId): Promise<CompanyDetailView> {
  const company = await companyInOrg(tx, companyId);
  const contacts = await tx.crmContact.findMany({ where: { companyId }, orderBy: { name: 'asc' } });
  return { ...toCompanyView(company), contacts: contacts.map(toContactView) };
}

export async function createCompany(tx: OrgTransaction, input: CompanyCreateInput): Promise<CompanyView> {
  return toCompanyView(await tx.crmCompany.create({ data: input }));
}

export async function updateCompany(
  tx: OrgTransaction,
  { companyId, ...changes }: CompanyUpdateInput,
): Promise<CompanyView> {
  await companyInOrg(tx, companyId);
  return toCompanyView(await tx.crmCompany.update({ where: { id: companyId }, data: changes }));
}

/** For bus handlers: a PSA event naming a company CRM does not have is dead-lettered with this error. */
export async function companyOfEvent(
  tx: OrgTransaction,
  companyId: string,
  eventType: string,
): Promise<CompanyRecord> {
  const company = await tx.crmCompany.findFirst({ where: { id: companyId } });
  if (!company)
    throw new DomainError(
      'not_found',
      `${eventType}: CRM company ${companyId} does not exist in this org; ` +
        'check that PSA client was promoted from this CRM, then replay the dead letter',
    );
  return company;
}
