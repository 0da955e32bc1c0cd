import { randomUUID } from 'node:crypto';
import type { crmCompanyPromoted, crmContact, crmDealWon, EventData } from '@suite/contracts';
import type { z } from 'zod';

// CRM's side of the flows, as the contract events CRM publishes.

export const OLIVIA = '5d0e3f7a-1b2c-4d5e-8f90-a1b2c3d4e501';

export function contact(name: string): z.infer<typeof crmContact> {
  const email = `${name.toLowerCase()}@client.test`;
  return { contactId: randomUUID(), name, email, phone: null, title: 'IT lead' };
}

export function promotion(
  overrides: Partial<EventData<typeof crmCompanyPromoted>> = {},
): EventData<typeof crmCompanyPromoted> {
  return {
    companyId: randomUUID(),
    name: 'Fabrikam',
    domain: 'fabrikam.test',
    contacts: [contact('Ann'), contact('Bob')],
    contract: {
      dealId: randomUUID(),
      name: 'Managed services',
      monthlyValue: '1200.00',
      currency: 'USD',
      startDate: '2026-12-01',
      termMonths: 12,
    },
    promotedBy: OLIVIA,
    promotedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function dealWon(overrides: Partial<EventData<typeof crmDealWon>> = {}): EventData<typeof crmDealWon> {
  return {
    dealId: randomUUID(),
    companyId: randomUUID(),
    name: 'Fabrikam onboarding',
    value: '5000.00',
    recurringRevenue: '1200.00',
    currency: 'USD',
    ownerId: OLIVIA,
    lineItems: [
      {
        serviceCode: 'M365-BASIC',
        description: 'Microsoft 365',
        quantity: 10,
        unitPrice: '12.00',
        recurring: true,
      },
    ],
    createProject: true,
    via: 'staff',
    wonAt: new Date().toISOString(),
    ...overrides,
  };
}
