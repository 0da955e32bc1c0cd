import type { CrmIntegrationRouter } from '@suite/crm/api';
import type { IntegrationClients } from '@suite/hub-auth';

/** What a PSA service needs to call CRM for the caller's org. */
export interface CrmCaller {
  readonly orgId: string;
  readonly integrations: IntegrationClients;
}

/** CRM's integration API for one org, called as PSA: over loopback in one process, at CRM_API_URL otherwise. */
export function crmClient({ integrations, orgId }: CrmCaller) {
  return integrations.client<CrmIntegrationRouter>('crm', { orgId, caller: 'psa' });
}
