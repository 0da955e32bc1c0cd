import { publish } from '@suite/bus';
import type { OrgTransaction } from '@suite/db';
import type { ClientStatusInput, ClientView } from './client.schema';
import { clientInOrg } from './client.service';
import { toClientView } from './client.view';

/** Moves a client to a new status and tells CRM (flow 9); setting the current status changes nothing. */
export async function changeClientStatus(tx: OrgTransaction, input: ClientStatusInput): Promise<ClientView> {
  const client = await clientInOrg(tx, input.clientId);
  if (client.status === input.status) return toClientView(client);
  const updated = await tx.psaClient.update({ where: { id: client.id }, data: { status: input.status } });
  await publish(tx, {
    type: 'psa.client.status_changed',
    data: {
      clientId: client.id,
      crmCompanyId: client.crmCompanyId,
      status: input.status,
      previousStatus: client.status,
      reason: input.reason ?? null,
      changedAt: updated.updatedAt.toISOString(),
    },
  });
  return toClientView(updated);
}
