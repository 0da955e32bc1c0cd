export {
  booksGlJournal,
  booksIntegrationApi,
  booksInvoicesList,
  booksRevenueDashboard,
} from './books.integration';
export {
  activityList,
  contactsFind,
  contactsLookupByPhone,
  contactsRememberPhoneChoice,
  crmDealStage,
  crmIntegrationApi,
  emailLog,
  healthGet,
  pipelineContext,
  quotesCreate,
  quotesGet,
  revenuePeriod,
  revenueSummary,
  syncedEmail,
} from './crm.integration';
export { toolRun, toolsIntegrationApi } from './tools.integration';
