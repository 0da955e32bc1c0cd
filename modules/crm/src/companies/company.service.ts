import type { OrgTransaction } from '@suite/db';
import { foundInOrg } from '@suite/hub-auth';
import type { z } from 'zod';
import type {
  companyCreateInput,
  companyDetailView,
  companyListInput,
  companyUpdateInput,
  companyView,
  contactView,
} from './company.schema';

interface CompanyRow {
  readonly id: string;
  readonly name: string;
  readonly domain: string | null;
  readonly status: z.infer<typeof companyView>['status'];
  readonly promotedAt: Date | null;
  readonly healthScore: number | null;
  readonly createdAt: Date;
}

export function toCompanyView(row: CompanyRow): z.infer<typeof companyView> {
  const { id, name, domain, status, healthScore } = row;
  return {
    id,
    name,
    domain,
    status,
    healthScore,
    promotedAt: row.promotedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toContactView(row: z.infer<typeof contactView>): z.infer<typeof contactView> {
  const { id, companyId, name, email, phone, title } = row;
  return { id, companyId, name, email, phone, title };
}

/** The company in the transaction's org, or NOT_FOUND (another org's company looks missing). */
export async function companyInOrg(tx: OrgTransaction, companyId: string) {
  return foundInOrg(await tx.crmCompany.findFirst({ where: { id: companyId } }), `company ${companyId}`);
}

export async function listCompanies(tx: OrgTransaction, filter: z.infer<typeof companyListInput>) {
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

export async function getCompany(
  tx: OrgTransaction,
  companyId: string,
): Promise<z.infer<typeof companyDetailView>> {
  const company = await companyInOrg(tx, companyId);
  const contacts = await tx.crmContact.findMany({ where: { companyId }, orderBy: { name: 'asc' } });
  return { ...toCompanyView(company), contacts: contacts.map(toContactView) };
}

export async function createCompany(tx: OrgTransaction, input: z.infer<typeof companyCreateInput>) {
  return toCompanyView(await tx.crmCompany.create({ data: input }));
}

export async function updateCompany(
  tx: OrgTransaction,
  { companyId, ...changes }: z.infer<typeof companyUpdateInput>,
) {
  await companyInOrg(tx, companyId);
  return toCompanyView(await tx.crmCompany.update({ where: { id: companyId }, data: changes }));
}

/** For bus handlers: a PSA event naming a company CRM does not have is dead-lettered with this error. */
export async function companyOfEvent(tx: OrgTransaction, companyId: string, eventType: string) {
  const company = await tx.crmCompany.findFirst({ where: { id: companyId } });
  if (!company)
    throw new Error(
      `${eventType}: CRM company ${companyId} does not exist in this org; ` +
        'check that PSA client was promoted from this CRM, then replay the dead letter',
    );
  return company;
}
