import { entityId, quotesCreate } from '@suite/contracts';
import type { OrgScope } from '@suite/db';
import { foundInOrg, type IntegrationClients } from '@suite/hub-auth';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { crmClient } from '../crm/crm.client';
import { money } from '../money';
import { conflict } from '../psa.errors';

export const addServiceInput = z.object({
  clientId: entityId,
  serviceCode: z.string().min(1),
  quantity: z.number().positive().max(1_000_000),
  createQuote: z.boolean().default(true).describe('Also create a CRM quote for the service (flow 6).'),
  note: z.string().max(2000).optional(),
});

export const addedServiceView = z.object({
  id: entityId,
  clientId: entityId,
  serviceCode: z.string(),
  quantity: z.number(),
  quote: quotesCreate.output.nullable(),
});

type AddService = z.infer<typeof addServiceInput>;

async function clientAndService(tenant: OrgScope, input: AddService) {
  return tenant.transaction(async (tx) => {
    const client = await tx.psaClient.findFirst({ where: { id: input.clientId } });
    const service = await tx.psaService.findFirst({ where: { code: input.serviceCode } });
    return {
      client: foundInOrg(client, `client ${input.clientId}`),
      service: foundInOrg(service, `service ${input.serviceCode}`),
    };
  });
}

async function quoteInCrm(
  integrations: IntegrationClients,
  orgId: string,
  request: z.input<typeof quotesCreate.input>,
): Promise<z.infer<typeof quotesCreate.output>> {
  try {
    return await crmClient(integrations, orgId).quotes.create.mutate(request);
  } catch (error) {
    const reason = (error as Error).message;
    throw new TRPCError({
      code: 'BAD_GATEWAY',
      message: `CRM could not create the quote, nothing was added: ${reason}`,
    });
  }
}

/**
 * Adds a catalog service to a client and, when asked, has CRM quote it first: if CRM refuses, nothing
 * is added, so the user can retry without a service that has no quote.
 */
export async function addServiceToClient(
  tenant: OrgScope,
  integrations: IntegrationClients,
  input: AddService,
  requestedBy: string,
): Promise<z.infer<typeof addedServiceView>> {
  const { client, service } = await clientAndService(tenant, input);
  if (service.archivedAt) throw conflict(`service ${service.code} is archived; restore it or pick another`);
  const line = {
    serviceCode: service.code,
    description: service.name,
    quantity: input.quantity,
    unitPrice: money(service.unitPrice),
    recurring: service.recurring,
  };
  const quote = input.createQuote
    ? await quoteInCrm(integrations, tenant.orgId, {
        companyId: client.crmCompanyId,
        lines: [line],
        requestedBy,
        note: input.note,
      })
    : null;
  const added = await tenant.transaction((tx) =>
    tx.psaClientService.create({
      data: {
        clientId: client.id,
        serviceId: service.id,
        quantity: input.quantity,
        crmQuoteId: quote?.quoteId ?? null,
        crmQuoteNumber: quote?.number ?? null,
        addedBy: requestedBy,
      },
    }),
  );
  return { id: added.id, clientId: client.id, serviceCode: service.code, quantity: input.quantity, quote };
}
