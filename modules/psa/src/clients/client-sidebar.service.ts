import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';
import { type CrmCaller, crmClient } from '../crm/crm.client';
import type { crmSidebarPart, SidebarInput, SidebarView } from './client.schema';
import { clientInOrg } from './client.service';
import { toClientView, toContactView } from './client.view';

/** CRM's side of the sidebar (flows 3, 4, 5); any failure reaching CRM becomes a "CRM unavailable" part. */
async function crmSidebar(
  caller: CrmCaller,
  companyId: string,
  input: SidebarInput,
): Promise<z.infer<typeof crmSidebarPart>> {
  try {
    const crm = crmClient(caller);
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
  tx: OrgTransaction,
  input: SidebarInput,
  caller: CrmCaller,
): Promise<SidebarView> {
  const client = await clientInOrg(tx, input.clientId);
  const contacts = await tx.psaClientContact.findMany({
    where: { clientId: client.id },
    orderBy: { name: 'asc' },
  });
  const openTickets = await tx.psaTicket.count({ where: { clientId: client.id, status: { not: 'closed' } } });
  return {
    client: toClientView(client),
    contacts: contacts.map(toContactView),
    openTickets,
    crm: await crmSidebar(caller, client.crmCompanyId, input),
  };
}
