import { conflict, found } from '@suite/contracts';
import { type OrgTransaction, Prisma } from '@suite/db';
import type {
  ByServiceId,
  ServiceFields,
  ServiceListInput,
  ServiceUpdateInput,
  ServiceView,
} from './service-catalog.schema';
import { toServiceView } from './service-catalog.view';

export async function listServices(tx: OrgTransaction, input: ServiceListInput): Promise<ServiceView[]> {
  const where = input.includeArchived ? {} : { archivedAt: null };
  return (await tx.psaService.findMany({ where, orderBy: { code: 'asc' } })).map(toServiceView);
}

function isDuplicateCode(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** A new catalog service; its code is unique in the org (CRM and Books refer to it). */
export async function createService(tx: OrgTransaction, fields: ServiceFields): Promise<ServiceView> {
  try {
    return toServiceView(await tx.psaService.create({ data: fields }));
  } catch (error) {
    if (isDuplicateCode(error))
      throw conflict(`a service with code ${fields.code} exists; update it or choose another code`);
    throw error;
  }
}

async function serviceById(
  tx: OrgTransaction,
  serviceId: string,
): Promise<Prisma.PsaServiceGetPayload<object>> {
  return found(await tx.psaService.findFirst({ where: { id: serviceId } }), `service ${serviceId}`);
}

/** Changes name, price or billing of a service; the code stays, since CRM and Books refer to it. */
export async function updateService(
  tx: OrgTransaction,
  { serviceId, changes }: ServiceUpdateInput,
): Promise<ServiceView> {
  await serviceById(tx, serviceId);
  return toServiceView(await tx.psaService.update({ where: { id: serviceId }, data: changes }));
}

/** Archived services stay on clients that have them but cannot be added any more. */
export async function archiveService(tx: OrgTransaction, { serviceId }: ByServiceId): Promise<ServiceView> {
  const service = await serviceById(tx, serviceId);
  if (service.archivedAt) return toServiceView(service);
  return toServiceView(
    await tx.psaService.update({ where: { id: serviceId }, data: { archivedAt: new Date() } }),
  );
}
