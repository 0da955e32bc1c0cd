import { type OrgScope, type OrgTransaction, Prisma } from '@suite/db';
import { foundInOrg } from '@suite/hub-auth';
import type { z } from 'zod';
import { conflict } from '../psa.errors';
import { type serviceFields, toServiceView } from './service-catalog.schema';

type ServiceFields = z.infer<typeof serviceFields>;

function isDuplicateCode(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

export async function createService(tenant: OrgScope, fields: ServiceFields) {
  try {
    return toServiceView(await tenant.transaction((tx) => tx.psaService.create({ data: fields })));
  } catch (error) {
    if (isDuplicateCode(error))
      throw conflict(`a service with code ${fields.code} exists; update it or choose another code`);
    throw error;
  }
}

async function serviceById(tx: OrgTransaction, serviceId: string) {
  return foundInOrg(await tx.psaService.findFirst({ where: { id: serviceId } }), `service ${serviceId}`);
}

/** Changes name, price or billing of a service; the code stays, since CRM and Books refer to it. */
export function updateService(
  tenant: OrgScope,
  serviceId: string,
  fields: Partial<Omit<ServiceFields, 'code'>>,
) {
  return tenant.transaction(async (tx) => {
    await serviceById(tx, serviceId);
    return toServiceView(await tx.psaService.update({ where: { id: serviceId }, data: fields }));
  });
}

/** Archived services stay on clients that have them but cannot be added any more. */
export function archiveService(tenant: OrgScope, serviceId: string) {
  return tenant.transaction(async (tx) => {
    const service = await serviceById(tx, serviceId);
    if (service.archivedAt) return toServiceView(service);
    return toServiceView(
      await tx.psaService.update({ where: { id: serviceId }, data: { archivedAt: new Date() } }),
    );
  });
}
