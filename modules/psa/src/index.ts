import { defineModule } from '@suite/contracts';
import { crmCompanySubscription } from './handlers/crm-company.handler';
import { dealWonSubscription } from './handlers/deal-won.handler';
import { psaRouter } from './router';

export const psaModule = defineModule({
  name: 'psa',
  appRouter: psaRouter,
  subscriptions: [crmCompanySubscription, dealWonSubscription],
});
