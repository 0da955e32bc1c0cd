import { publish } from '@suite/bus';
import { found } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { clientInOrg } from '../clients/client.service';
import type { CsatInput, CsatView } from './csat.schema';

/** Records a survey answer and tells CRM, which recomputes the company health score (flow 10). */
export async function submitCsat(tx: OrgTransaction, input: CsatInput): Promise<CsatView> {
  const client = await clientInOrg(tx, input.clientId);
  if (input.ticketId)
    found(
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
}
