import type { crmDealWon, EventData } from '@suite/contracts';
import { dealWon } from '../../../../suite/test/modules/psa/support/crm-event.data';

/** A won deal as CRM publishes it (CRM's test builder), with the three items Books' tests bill. */
export function wonDeal(overrides: Partial<EventData<typeof crmDealWon>> = {}): EventData<typeof crmDealWon> {
  return dealWon({
    name: 'Managed services',
    value: '14400.00',
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
    via: 'staff',
    wonAt: '2027-03-15T10:00:00.000Z',
    ...overrides,
  });
}
