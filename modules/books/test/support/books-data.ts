import { randomUUID } from 'node:crypto';
import { DEV_HUB_SEED } from '@suite/hub-auth';

const userId = (email: string) => DEV_HUB_SEED.users.find((user) => user.email === email)?.id ?? '';

/** A won deal as CRM publishes it. */
export function wonDeal(overrides: Record<string, unknown> = {}) {
  return {
    dealId: randomUUID(),
    companyId: randomUUID(),
    name: 'Managed services',
    value: '14400.00',
    recurringRevenue: '1200.00',
    currency: 'USD',
    ownerId: userId('olivia@northwind.test'),
    lineItems: [
      {
        serviceCode: 'MS-BASE',
        description: 'Managed desktop',
        quantity: 10,
        unitPrice: '100.00',
        recurring: true,
      },
      {
        serviceCode: 'MS-BACKUP',
        description: 'Cloud backup',
        quantity: 4,
        unitPrice: '50.00',
        recurring: true,
      },
      {
        serviceCode: 'ONBOARD',
        description: 'Onboarding',
        quantity: 1,
        unitPrice: '500.00',
        recurring: false,
      },
    ],
    createProject: false,
    via: 'staff' as const,
    wonAt: '2027-03-15T10:00:00.000Z',
    ...overrides,
  };
}
