import { defineModule } from '@suite/contracts';
import { erasePerson } from './erasure/person-erasure.service';
import { clientStatusSubscription } from './handlers/client-status.handler';
import { contractAmendedSubscription } from './handlers/contract-amended.handler';
import { contractSignedSubscription } from './handlers/contract-signed.handler';
import { csatSubmittedSubscription } from './handlers/csat-submitted.handler';
import { documentSignedSubscription } from './handlers/document-signed.handler';
import { emailStatusSubscription } from './handlers/email-status.handler';
import { invoiceFinalizedSubscription } from './handlers/invoice-finalized.handler';
import { portalQuoteSubscription } from './handlers/portal-quote.handler';
import { ticketActivitySubscription } from './handlers/ticket-activity.handler';
import { voiceCallSubscription } from './handlers/voice-call.handler';
import { crmIntegrationRouter } from './integration';
import { contactPhoneBackfillJob } from './jobs/contact-phone-backfill.job';
import { healthRecomputeJob } from './jobs/health-recompute.job';
import { sequenceSendJob } from './jobs/sequence-send.job';
import { crmAppRouter } from './router';

/** CRM: companies, contacts, deals, quotes, timeline and health; the CRM side of every CRM ⇄ PSA flow. */
export const crmModule = defineModule({
  name: 'crm',
  appRouter: crmAppRouter,
  integrationRouter: crmIntegrationRouter,
  subscriptions: [
    contractSignedSubscription,
    contractAmendedSubscription,
    clientStatusSubscription,
    csatSubmittedSubscription,
    ticketActivitySubscription,
    invoiceFinalizedSubscription,
    voiceCallSubscription,
    portalQuoteSubscription,
    documentSignedSubscription,
    emailStatusSubscription,
  ],
  jobs: [healthRecomputeJob, sequenceSendJob, contactPhoneBackfillJob],
  erasure: { erasePerson },
});
