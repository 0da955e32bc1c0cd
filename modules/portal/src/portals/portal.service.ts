import { conflict, found } from '@suite/contracts';
import { type OrgTransaction, Prisma } from '@suite/db';
import { DEFAULT_BRANDING } from './branding';
import type {
  ByPortalId,
  PortalCreateInput,
  PortalFeature,
  PortalUpdateInput,
  PortalView,
} from './portal.schema';
import { brandingOf, type PortalRecord, toPortalView } from './portal.view';

/** What a new portal shows until staff change it; invoices wait until Books is connected. */
export const DEFAULT_FEATURES: readonly PortalFeature[] = ['quotes', 'esign', 'activity', 'tickets'];

/** A portal of the org that staff did not delete; a deleted (archived) one is not found (decision 0158). */
export async function portalInOrg(tx: OrgTransaction, portalId: string): Promise<PortalRecord> {
  return found(
    await tx.portalPortal.findFirst({ where: { id: portalId, archivedAt: null } }),
    `portal ${portalId}`,
  );
}

export async function listPortals(tx: OrgTransaction): Promise<PortalView[]> {
  const portals = await tx.portalPortal.findMany({
    where: { archivedAt: null },
    orderBy: { createdAt: 'asc' },
  });
  return portals.map(toPortalView);
}

export async function getPortal(tx: OrgTransaction, { portalId }: ByPortalId): Promise<PortalView> {
  return toPortalView(await portalInOrg(tx, portalId));
}

export async function createPortal(tx: OrgTransaction, input: PortalCreateInput): Promise<PortalView> {
  if (await tx.portalPortal.findFirst({ where: { slug: input.slug }, select: { id: true } }))
    throw conflict(`slug: "${input.slug}" is taken; choose another`);
  try {
    const portal = await tx.portalPortal.create({
      data: {
        slug: input.slug,
        name: input.name,
        branding: { ...DEFAULT_BRANDING, ...input.branding },
        support: input.support ?? {},
        features: [...(input.features ?? DEFAULT_FEATURES)],
        ...(input.esignRoute && { esignRoute: input.esignRoute }),
      },
    });
    return toPortalView(portal);
  } catch (error) {
    // Slugs are unique across orgs, and another org's portal is invisible here.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw conflict(`slug: "${input.slug}" is taken; choose another`);
    throw error;
  }
}

export async function updatePortal(tx: OrgTransaction, input: PortalUpdateInput): Promise<PortalView> {
  const portal = await portalInOrg(tx, input.portalId);
  const updated = await tx.portalPortal.update({
    where: { id: portal.id },
    data: {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.branding !== undefined && { branding: { ...brandingOf(portal), ...input.branding } }),
      ...(input.support !== undefined && { support: input.support }),
      ...(input.features !== undefined && { features: [...new Set(input.features)] }),
      ...(input.esignRoute !== undefined && { esignRoute: input.esignRoute }),
    },
  });
  return toPortalView(updated);
}
