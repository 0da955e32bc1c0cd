export {
  activityList,
  crmDealStage,
  crmIntegrationApi,
  healthGet,
  pipelineContext,
  quotesCreate,
} from './crm.integration';
export { toolRun, toolsIntegrationApi } from './tools.integration';
