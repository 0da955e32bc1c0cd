import { defineModule } from '@suite/contracts';
import { erasePerson } from './erasure/person-erasure.service';
import { clientChurnedSubscription } from './handlers/client-churned.handler';
import { companyPromotedSubscription } from './handlers/company-promoted.handler';
import { crmDealSubscription } from './handlers/crm-deal.handler';
import { psaContractSubscription } from './handlers/psa-contract.handler';
import { toolPaymentSubscription } from './handlers/tool-payment.handler';
import { booksIntegrationRouter } from './integration';
import { billingRunJob } from './jobs/billing-run.job';
import { booksAppRouter } from './router';

/** Books: billing accounts and contracts from won deals, GL mappings, invoices, payments, revenue. */
export const booksModule = defineModule({
  name: 'books',
  appRouter: booksAppRouter,
  integrationRouter: booksIntegrationRouter,
  subscriptions: [
    crmDealSubscription,
    companyPromotedSubscription,
    clientChurnedSubscription,
    psaContractSubscription,
    toolPaymentSubscription,
  ],
  jobs: [billingRunJob],

  erasure: { erasePerson },
});
