import type { StaffClient } from '../../../support/staff-client';

export interface CompanyRow {
  id: string;
  name: string;
  status: string;
}

export interface DealRow {
  dealId: string;
  stage: string;
  createProject: boolean | null;
  owner: { userId: string; name: string | null; active: boolean };
  value: string;
}

async function created<T>(
  what: string,
  call: Promise<{ status: number; data: T; message: string | undefined }>,
) {
  const result = await call;
  if (result.status !== 200) throw new Error(`creating ${what} failed (${result.status}): ${result.message}`);
  return result.data;
}

export function createCompany(browser: StaffClient, name: string, domain = 'acme.example') {
  return created<CompanyRow>(`company ${name}`, browser.mutate('companies.create', { name, domain }));
}

export function createDeal(browser: StaffClient, companyId: string, fields: Record<string, unknown> = {}) {
  return created<DealRow>(
    'deal',
    browser.mutate('deals.create', {
      companyId,
      name: 'Managed services',
      stage: 'proposal',
      value: '12000.00',
      recurringRevenue: '1000.00',
      lineItems: [
        {
          serviceCode: 'MS-BASE',
          description: 'Managed desktop',
          quantity: 10,
          unitPrice: '100.00',
          recurring: true,
        },
      ],
      ...fields,
    }),
  );
}
