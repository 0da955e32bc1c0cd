// What other modules may import from CRM: router types only (`import type`).
import type { crmIntegrationRouter } from './integration';
import type { crmAppRouter } from './router';

export type CrmAppRouter = typeof crmAppRouter;
export type CrmIntegrationRouter = typeof crmIntegrationRouter;
