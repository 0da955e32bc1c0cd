export {
  booksGlJournal,
  booksIntegrationApi,
  booksInvoicesList,
  booksRevenueDashboard,
} from './books.integration';
export {
  activityList,
  contactsLookupByPhone,
  contactsRememberPhoneChoice,
  crmDealStage,
  crmIntegrationApi,
  emailLog,
  healthGet,
  pipelineContext,
  quotesCreate,
  revenuePeriod,
  revenueSummary,
  syncedEmail,
} from './crm.integration';
export { toolRun, toolsIntegrationApi } from './tools.integration';
