import { conflict, formatMoney, found, type quotesCreate, unavailable } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';
import { type CrmCaller, crmClient } from '../crm/crm.client';
import type { AddedServiceView, AddServiceInput } from './client.schema';
import { clientInOrg } from './client.service';

async function quoteInCrm(
  caller: CrmCaller,
  request: z.input<typeof quotesCreate.input>,
): Promise<z.infer<typeof quotesCreate.output>> {
  try {
    return await crmClient(caller).quotes.create.mutate(request);
  } catch (error) {
    throw unavailable(`CRM could not create the quote, nothing was added: ${(error as Error).message}`);
  }
}

/**
 * Adds a catalog service to a client and, when asked, has CRM quote it first: if CRM refuses, nothing
 * is added, so the user can retry without a service that has no quote.
 */
export async function addServiceToClient(
  tx: OrgTransaction,
  input: AddServiceInput,
  caller: CrmCaller & { readonly user: { readonly id: string } },
): Promise<AddedServiceView> {
  const client = await clientInOrg(tx, input.clientId);
  const service = found(
    await tx.psaService.findFirst({ where: { code: input.serviceCode } }),
    `service ${input.serviceCode}`,
  );
  if (service.archivedAt) throw conflict(`service ${service.code} is archived; restore it or pick another`);
  const requestedBy = caller.user.id;
  const line = {
    serviceCode: service.code,
    description: service.name,
    quantity: input.quantity,
    unitPrice: formatMoney(service.unitPrice),
    recurring: service.recurring,
  };
  const quote = input.createQuote
    ? await quoteInCrm(caller, {
        companyId: client.crmCompanyId,
        lines: [line],
        requestedBy,
        note: input.note,
      })
    : null;
  const added = await tx.psaClientService.create({
    data: {
      clientId: client.id,
      serviceId: service.id,
      quantity: input.quantity,
      crmQuoteId: quote?.quoteId ?? null,
      crmQuoteNumber: quote?.number ?? null,
      addedBy: requestedBy,
    },
  });
  return { id: added.id, clientId: client.id, serviceCode: service.code, quantity: input.quantity, quote };
}
