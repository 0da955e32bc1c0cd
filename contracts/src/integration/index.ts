export {
  activityList,
  crmDealStage,
  crmIntegrationApi,
  healthGet,
  pipelineContext,
  quotesCreate,
} from './crm.integration';
