import {
  activityList,
  contactsFind,
  contactsLookupByPhone,
  contactsRememberPhoneChoice,
  emailLog,
  healthGet,
  pipelineContext,
  quotesCreate,
  quotesGet,
  recordsCreate,
  recordsDelete,
  recordsFind,
  recordsGet,
  recordsListRecent,
  recordsSearch,
  recordsUpdate,
  revenueSummary,
} from '@suite/contracts';
import { fromContract, inTenant, router } from '@suite/hub-auth';
import { listCompanyActivity } from './activity/activity.service';
import { findContactsByEmail } from './contacts/contact-lookup.service';
import { lookupContactsByPhone, rememberPhoneChoice } from './contacts/contact-phone.service';
import { logSyncedEmail } from './email/email-log.service';
import { getHealth } from './health/health.service';
import { readPipelineContext } from './pipeline/pipeline-context.service';
import { createRequestedQuote } from './quotes/quote.service';
import { getQuoteForShare } from './quotes/quote-response.service';
import { findRecords, getRecord, listRecentRecords, searchRecords } from './records/record-read.service';
import { createRecord, deleteRecord, updateRecord } from './records/record-write.service';
import { revenueSummaryOf } from './revenue/revenue-summary.service';

/**
 * CRM's integration API for sister products, each procedure as its contract in
 * contracts/src/integration/crm.integration.ts states it; served at /crm/integration with
 * X-Integration-Key. A company of another org answers NOT_FOUND.
 */
export const crmIntegrationRouter = router({
  pipeline: router({ context: fromContract(pipelineContext).query(inTenant(readPipelineContext)) }),
  activity: router({ list: fromContract(activityList).query(inTenant(listCompanyActivity)) }),
  health: router({ get: fromContract(healthGet).query(inTenant(getHealth)) }),
  quotes: router({
    create: fromContract(quotesCreate).mutation(inTenant(createRequestedQuote)),
    get: fromContract(quotesGet).query(inTenant(getQuoteForShare)),
  }),
  revenue: router({ summary: fromContract(revenueSummary).query(inTenant(revenueSummaryOf)) }),
  contacts: router({
    find: fromContract(contactsFind).query(inTenant(findContactsByEmail)),
    lookupByPhone: fromContract(contactsLookupByPhone).query(inTenant(lookupContactsByPhone)),
    rememberPhoneChoice: fromContract(contactsRememberPhoneChoice).mutation(inTenant(rememberPhoneChoice)),
  }),
  email: router({ log: fromContract(emailLog).mutation(inTenant(logSyncedEmail)) }),
  records: router({
    get: fromContract(recordsGet).query(inTenant(getRecord)),
    find: fromContract(recordsFind).query(inTenant(findRecords)),
    search: fromContract(recordsSearch).query(inTenant(searchRecords)),
    listRecent: fromContract(recordsListRecent).query(inTenant(listRecentRecords)),
    create: fromContract(recordsCreate).mutation(inTenant(createRecord)),
    update: fromContract(recordsUpdate).mutation(inTenant(updateRecord)),
    delete: fromContract(recordsDelete).mutation(inTenant(deleteRecord)),
  }),
});
