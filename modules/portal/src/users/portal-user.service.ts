import { found } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import type { ByPortalId } from '../portals/portal.schema';
import { portalInOrg } from '../portals/portal.service';
import type { PortalUserRecord } from '../sign-in/session.service';
import { portalOrigin } from '../site/portal-origin.service';
import type { ByPortalUserId, InvitedContact, PortalUserView } from './portal-user.schema';
import { toPortalUserView } from './portal-user.view';

type SiteHeaders = Record<string, string | string[] | undefined>;
type Staff = { readonly user: { readonly id: string } };

/** The platform audit log keeps who revoked and restored access, also after a restore clears the row's mark. */
async function auditPortalUser(
  tx: OrgTransaction,
  staff: Staff,
  action: 'revoked' | 'restored',
  user: PortalUserRecord,
  detail: Prisma.InputJsonObject = {},
): Promise<void> {
  await tx.auditLogEntry.create({
    data: {
      actor: staff.user.id,
      action: `portal_user.${action}`,
      target: user.id,
      detail: { portalId: user.portalId, contactId: user.contactId, ...detail },
    },
  });
}

export async function listPortalUsers(
  tx: OrgTransaction,
  { portalId }: ByPortalId,
): Promise<PortalUserView[]> {
  await portalInOrg(tx, portalId);
  const users = await tx.portalUser.findMany({ where: { portalId }, orderBy: { invitedAt: 'asc' } });
  return users.map(toPortalUserView);
}

/**
 * Re-inviting a revoked user restores access as a new invitation: from the contact as CRM has it now
 * (they may have changed company), invited now by this staff member. Old sessions and links stay gone.
 */
async function restoreIfRevoked(
  tx: OrgTransaction,
  user: PortalUserRecord,
  contact: InvitedContact,
  staff: Staff,
): Promise<PortalUserRecord> {
  if (!user.revokedAt) return user;
  const restored = await tx.portalUser.update({
    where: { id: user.id },
    data: {
      revokedAt: null,
      revokedBy: null,
      invitedAt: new Date(),
      invitedBy: staff.user.id,
      name: contact.name,
      contactId: contact.contactId,
      companyId: contact.companyId,
    },
  });
  await auditPortalUser(tx, staff, 'restored', restored);
  return restored;
}

/** The invitation kept: the portal user (again the same one on a second invite) and where to sign in. */
export async function saveInvitation(
  tx: OrgTransaction,
  portalId: string,
  contact: InvitedContact,
  staff: Staff & { readonly headers: SiteHeaders },
): Promise<{ readonly user: PortalUserView; readonly portalName: string; readonly signInUrl: string }> {
  const portal = await portalInOrg(tx, portalId);
  // ON CONFLICT DO NOTHING: invitations of one address at the same moment keep one user, none fails.
  await tx.portalUser.createMany({
    data: [
      {
        portalId: portal.id,
        email: contact.email,
        name: contact.name,
        contactId: contact.contactId,
        companyId: contact.companyId,
        invitedBy: staff.user.id,
      },
    ],
    skipDuplicates: true,
  });
  const user = await tx.portalUser.findUniqueOrThrow({
    where: { portalId_email: { portalId: portal.id, email: contact.email } },
  });
  const current = await restoreIfRevoked(tx, user, contact, staff);
  const origin = await portalOrigin(tx, portal, staff.headers.host);
  return { user: toPortalUserView(current), portalName: portal.name, signInUrl: `${origin}/sign-in` };
}

/**
 * Ends a client's access to the portal at once: the row stays (marked, for the trail), every session
 * and every unused sign-in link goes. Marking first takes the row lock a sign-in also takes
 * (magic-link.service), so a confirm in flight either finishes before and its session is deleted here,
 * or waits and is refused. Revoking a revoked user changes nothing.
 */
export async function revokePortalUser(
  tx: OrgTransaction,
  { portalUserId }: ByPortalUserId,
  staff: Staff,
): Promise<PortalUserView> {
  const { count } = await tx.portalUser.updateMany({
    where: { id: portalUserId, revokedAt: null },
    data: { revokedAt: new Date(), revokedBy: staff.user.id },
  });
  const user = found(await tx.portalUser.findUnique({ where: { id: portalUserId } }), 'portal user');
  if (count === 0) return toPortalUserView(user);
  const sessions = await tx.portalSession.deleteMany({ where: { userId: user.id } });
  const links = await tx.portalMagicLink.deleteMany({ where: { userId: user.id, usedAt: null } });
  await auditPortalUser(tx, staff, 'revoked', user, {
    sessionsEnded: sessions.count,
    linksInvalidated: links.count,
  });
  return toPortalUserView(user);
}
