import type { CrmIntegrationRouter } from '@suite/crm/api';
import type { IntegrationClients } from '@suite/hub-auth';

/** CRM's integration API for one org, called as the portal. */
export function crmClient(integrations: IntegrationClients, orgId: string) {
  return integrations.client<CrmIntegrationRouter>('crm', { orgId, caller: 'portal' });
}
