import { found } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import type { ClientView } from './client.schema';
import { toClientView } from './client.view';

export type ClientRecord = Prisma.PsaClientGetPayload<object>;

/** The client in the transaction's org, or NOT_FOUND (another org's client looks missing). */
export async function clientInOrg(tx: OrgTransaction, clientId: string): Promise<ClientRecord> {
  return found(await tx.psaClient.findFirst({ where: { id: clientId } }), `client ${clientId}`);
}

export async function listClients(tx: OrgTransaction): Promise<ClientView[]> {
  return (await tx.psaClient.findMany({ orderBy: { name: 'asc' } })).map(toClientView);
}
