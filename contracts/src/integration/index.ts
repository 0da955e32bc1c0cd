export { booksIntegrationApi, booksInvoicesList } from './books.integration';
export {
  activityList,
  crmDealStage,
  crmIntegrationApi,
  healthGet,
  pipelineContext,
  quotesCreate,
} from './crm.integration';
