import type { OrgTransaction } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import { booksClient } from '../books/books.client';
import { crmClient } from '../crm/crm.client';
import type { PortalRecord } from '../portals/portal.view';
import type { PortalUserRecord } from '../sign-in/session.service';
import {
  CLIENT_ACTIVITY_KINDS,
  type ClientActivityInput,
  type ClientActivityView,
  type ClientInvoicesView,
} from './client-record.schema';

interface Client {
  readonly client: PortalUserRecord;
  readonly portal: PortalRecord;
  readonly integrations: IntegrationClients;
}

const shown = new Set<string>(CLIENT_ACTIVITY_KINDS);

/** The company's timeline from CRM's integration API, only the kinds a client is shown. */
export async function listClientActivity(
  _tx: OrgTransaction,
  input: ClientActivityInput,
  { client, portal, integrations }: Client,
): Promise<ClientActivityView> {
  const page = await crmClient(integrations, portal.orgId).activity.list.query({
    companyId: client.companyId,
    limit: 50,
    ...(input?.cursor && { cursor: input.cursor }),
  });
  return { items: page.items.filter((item) => shown.has(item.kind)), nextCursor: page.nextCursor };
}

/** The company's invoices from Books' integration API. */
export async function listClientInvoices(
  _tx: OrgTransaction,
  _input: undefined,
  { client, portal, integrations }: Client,
): Promise<ClientInvoicesView> {
  return booksClient(integrations, portal.orgId).invoices.list.query({ companyId: client.companyId });
}
