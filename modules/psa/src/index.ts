import { defineModule } from '@suite/contracts';
import { erasePerson } from './erasure/person-erasure.service';
import { crmCompanySubscription } from './handlers/crm-company.handler';
import { dealWonSubscription } from './handlers/deal-won.handler';
import { documentSignedSubscription } from './handlers/document-signed.handler';
import { psaIntegrationRouter } from './integration';
import { psaAppRouter } from './router';

/** PSA: clients, contracts, projects, the services catalog, tickets and CSAT; PSA's side of the CRM flows. */
export const psaModule = defineModule({
  name: 'psa',
  appRouter: psaAppRouter,
  integrationRouter: psaIntegrationRouter,
  subscriptions: [crmCompanySubscription, dealWonSubscription, documentSignedSubscription],
  erasure: { erasePerson },
});
