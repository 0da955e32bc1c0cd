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
  healthGet,
  pipelineContext,
  quotesCreate,
  revenuePeriod,
  revenueSummary,
} from './crm.integration';
export { toolRun, toolsIntegrationApi } from './tools.integration';
