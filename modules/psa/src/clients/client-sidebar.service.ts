import { activityList, entityId, healthGet, pipelineContext } from '@suite/contracts';
import type { OrgScope } from '@suite/db';
import { foundInOrg, type IntegrationClients } from '@suite/hub-auth';
import { z } from 'zod';
import { crmClient } from '../crm/crm.client';
import { clientView, contactView, toClientView, toContactView } from './client.schema';

export const sidebarInput = z.object({
  clientId: entityId,
  activityCursor: z.string().min(1).optional(),
  activityLimit: z.number().int().min(1).max(100).default(20),
});

const crmPart = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    pipeline: pipelineContext.output,
    activity: activityList.output,
    health: healthGet.output,
  }),
  z.object({ available: z.literal(false), message: z.string() }),
]);

export const sidebarView = z.object({
  client: clientView,
  contacts: z.array(contactView),
  openTickets: z.number().int(),
  crm: crmPart,
});

/** CRM's side of the sidebar (flows 3, 4, 5); any failure reaching CRM becomes a "CRM unavailable" part. */
async function crmSidebar(
  integrations: IntegrationClients,
  orgId: string,
  companyId: string,
  input: z.infer<typeof sidebarInput>,
): Promise<z.infer<typeof crmPart>> {
  try {
    const crm = crmClient(integrations, orgId);
    const [pipeline, activity, health] = await Promise.all([
      crm.pipeline.context.query({ companyId }),
      crm.activity.list.query({ companyId, cursor: input.activityCursor, limit: input.activityLimit }),
      crm.health.get.query({ companyId }),
    ]);
    return { available: true, pipeline, activity, health };
  } catch (error) {
    return { available: false, message: `CRM unavailable: ${(error as Error).message}` };
  }
}

/** The client sidebar: PSA's own view of the client, and CRM's pipeline, activity and health score. */
export async function clientSidebar(
  tenant: OrgScope,
  integrations: IntegrationClients,
  input: z.infer<typeof sidebarInput>,
): Promise<z.infer<typeof sidebarView>> {
  const { client, contacts, openTickets } = await tenant.transaction(async (tx) => {
    const client = await tx.psaClient.findFirst({ where: { id: input.clientId } });
    return {
      client: foundInOrg(client, `client ${input.clientId}`),
      contacts: await tx.psaClientContact.findMany({
        where: { clientId: input.clientId },
        orderBy: { name: 'asc' },
      }),
      openTickets: await tx.psaTicket.count({
        where: { clientId: input.clientId, status: { not: 'closed' } },
      }),
    };
  });
  return {
    client: toClientView(client),
    contacts: contacts.map(toContactView),
    openTickets,
    crm: await crmSidebar(integrations, tenant.orgId, client.crmCompanyId, input),
  };
}
