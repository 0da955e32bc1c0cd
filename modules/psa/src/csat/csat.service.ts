import { publish } from '@suite/bus';
import { entityId, timestamp } from '@suite/contracts';
import type { OrgScope } from '@suite/db';
import { foundInOrg } from '@suite/hub-auth';
import { z } from 'zod';

export const csatInput = z.object({
  clientId: entityId,
  ticketId: entityId.nullable().default(null).describe('The ticket the survey asked about, if any.'),
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).nullable().default(null),
});

export const csatView = csatInput.extend({ id: entityId, submittedAt: timestamp });

/** Records a survey answer and tells CRM, which recomputes the company health score (flow 10). */
export function submitCsat(
  tenant: OrgScope,
  input: z.infer<typeof csatInput>,
): Promise<z.infer<typeof csatView>> {
  return tenant.transaction(async (tx) => {
    const client = foundInOrg(
      await tx.psaClient.findFirst({ where: { id: input.clientId } }),
      `client ${input.clientId}`,
    );
    if (input.ticketId)
      foundInOrg(
        await tx.psaTicket.findFirst({ where: { id: input.ticketId, clientId: client.id } }),
        `ticket ${input.ticketId} of client ${client.id}`,
      );
    const response = await tx.psaCsatResponse.create({ data: input });
    const submittedAt = response.submittedAt.toISOString();
    await publish(tx, {
      type: 'psa.csat.submitted',
      data: { responseId: response.id, crmCompanyId: client.crmCompanyId, ...input, submittedAt },
    });
    return { id: response.id, ...input, submittedAt };
  });
}
