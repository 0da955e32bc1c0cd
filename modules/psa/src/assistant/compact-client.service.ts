import type { OrgTransaction } from '@suite/db';
import { clientInOrg } from '../clients/client.service';
import type { CompactClient } from './assistant.schema';

/** The client a query is about, as its answer names it; NOT_FOUND for another org's client. */
export async function compactClient(tx: OrgTransaction, clientId: string): Promise<CompactClient> {
  const client = await clientInOrg(tx, clientId);
  return { clientId: client.id, name: client.name, status: client.status };
}
