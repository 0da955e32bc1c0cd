export {
  booksGlJournal,
  booksIntegrationApi,
  booksInvoicesList,
  booksRevenueDashboard,
} from './books.integration';
export {
  activityList,
  contactsFind,
  crmDealStage,
  crmIntegrationApi,
  esignGet,
  healthGet,
  pipelineContext,
  quotesCreate,
  quotesGet,
  revenuePeriod,
  revenueSummary,
} from './crm.integration';
export { toolRun, toolsIntegrationApi } from './tools.integration';
