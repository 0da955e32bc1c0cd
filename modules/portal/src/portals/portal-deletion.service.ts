import type { OrgTransaction } from '@suite/db';
import type { ByPortalId, PortalDeletion } from './portal.schema';
import { portalInOrg } from './portal.service';

/**
 * Staff delete a portal (decision 0158). At once it serves nothing: its custom domains are released,
 * every client session, sign-in link and sign-in count goes. A portal that never shared anything is
 * deleted with its users and its slug is free again. One that shared quotes or documents is archived
 * instead: those, their answers and signatures (the trail cannot be deleted) are accepted data, so they
 * stay with the portal's users, who are revoked; the slug stays taken so old links reach nobody else.
 */
export async function deletePortal(
  tx: OrgTransaction,
  { portalId }: ByPortalId,
  staff: { readonly user: { readonly id: string } },
): Promise<PortalDeletion> {
  const portal = await portalInOrg(tx, portalId);
  // A share being added (an addendum from the bus) waits for this, so the count below holds.
  await tx.$executeRaw`SELECT 1 FROM "portal"."portal" WHERE "id" = ${portal.id}::uuid FOR UPDATE`;
  const sharesKept = await tx.portalShare.count({ where: { portalId } });
  const domains = await tx.portalDomain.findMany({ where: { portalId }, select: { host: true } });
  await tx.portalDomain.deleteMany({ where: { portalId } });
  const sessions = await tx.portalSession.deleteMany({ where: { portalId } });
  await tx.portalMagicLink.deleteMany({ where: { portalId } });
  await tx.portalSignInRequest.deleteMany({ where: { portalId } });
  const now = new Date();
  const outcome = sharesKept === 0 ? 'deleted' : 'archived';
  if (outcome === 'deleted') await tx.portalPortal.delete({ where: { id: portalId } });
  else {
    await tx.portalUser.updateMany({
      where: { portalId, revokedAt: null },
      data: { revokedAt: now, revokedBy: staff.user.id },
    });
    await tx.portalPortal.update({
      where: { id: portalId },
      data: { archivedAt: now, archivedBy: staff.user.id },
    });
  }
  const deletion = {
    portalId,
    outcome,
    domainsRemoved: domains.map((domain) => domain.host),
    sessionsEnded: sessions.count,
    sharesKept,
  } as const;
  await tx.auditLogEntry.create({
    data: {
      actor: staff.user.id,
      action: `portal.${outcome}`,
      target: portalId,
      detail: { ...deletion, slug: portal.slug, name: portal.name },
    },
  });
  return deletion;
}
