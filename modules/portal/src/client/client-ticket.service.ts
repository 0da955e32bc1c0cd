import { conflict, unavailable } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import type { PortalRecord } from '../portals/portal.view';
import { psaClient } from '../psa/psa.client';
import type { PortalUserRecord } from '../sign-in/session.service';
import type { ClientTicketInput, ClientTicketsView, ClientTicketView } from './client-ticket.schema';

interface Client {
  readonly client: PortalUserRecord;
  readonly portal: PortalRecord;
  readonly integrations: IntegrationClients;
}

const httpStatusOf = (error: unknown) => (error as { data?: { httpStatus?: number } }).data?.httpStatus;

/** PSA answers 404 for a company it has no client of (not promoted yet); anything else is PSA's trouble. */
async function fromPsa<T>(call: () => Promise<T>, whenNoClient: () => T): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (httpStatusOf(error) === 404) return whenNoClient();
    throw unavailable('the ticket desk could not be reached; nothing was changed, try again shortly');
  }
}

/** The company's tickets from PSA's integration API. */
export async function listClientTickets(
  _tx: OrgTransaction,
  _input: undefined,
  { client, portal, integrations }: Client,
): Promise<ClientTicketsView> {
  return fromPsa(
    () => psaClient(integrations, portal.orgId).tickets.list.query({ companyId: client.companyId }),
    () => [],
  );
}

/** A ticket opened in PSA for the client's own company. */
export async function openClientTicket(
  _tx: OrgTransaction,
  input: ClientTicketInput,
  { client, portal, integrations }: Client,
): Promise<ClientTicketView> {
  return fromPsa(
    () =>
      psaClient(integrations, portal.orgId).tickets.create.mutate({ ...input, companyId: client.companyId }),
    () => {
      throw conflict(
        `your company has no support desk at ${portal.name} yet; nothing was opened, contact them directly`,
      );
    },
  );
}
