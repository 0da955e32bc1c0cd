import type { CrmIntegrationRouter } from '@suite/crm/api';
import type { IntegrationClients } from '@suite/hub-auth';

/** What a Voice service needs to call another product for the caller's org. */
export interface ProductCaller {
  readonly orgId: string;
  readonly integrations: IntegrationClients;
}

/** CRM's integration API for one org, called as Voice with its integration key. */
export function crmClient({ integrations, orgId }: ProductCaller) {
  return integrations.client<CrmIntegrationRouter>('crm', { orgId, caller: 'voice' });
}
