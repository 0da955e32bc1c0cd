import type { IntegrationClients } from '@suite/hub-auth';
import type { PsaIntegrationRouter } from '@suite/psa/api';

/** PSA's integration API for one org, called as the portal. */
export function psaClient(integrations: IntegrationClients, orgId: string) {
  return integrations.client<PsaIntegrationRouter>('psa', { orgId, caller: 'portal' });
}
