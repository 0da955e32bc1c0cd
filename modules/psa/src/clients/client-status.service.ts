import { publish } from '@suite/bus';
import type { psaClientStatus } from '@suite/contracts';
import type { OrgScope } from '@suite/db';
import { foundInOrg } from '@suite/hub-auth';
import type { z } from 'zod';
import { toClientView } from './client.schema';

type ClientStatus = z.infer<typeof psaClientStatus>;

/** Moves a client to a new status and tells CRM (flow 9); setting the current status changes nothing. */
export function changeClientStatus(
  tenant: OrgScope,
  input: { clientId: string; status: ClientStatus; reason?: string | undefined },
) {
  return tenant.transaction(async (tx) => {
    const client = foundInOrg(
      await tx.psaClient.findFirst({ where: { id: input.clientId } }),
      `client ${input.clientId}`,
    );
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
  });
}
