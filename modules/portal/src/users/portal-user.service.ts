import type { OrgTransaction, Prisma } from '@suite/db';
import type { ByPortalId } from '../portals/portal.schema';
import { portalInOrg } from '../portals/portal.service';
import { portalOrigin } from '../site/portal-origin.service';
import type { InvitedContact, PortalUserView } from './portal-user.schema';

type SiteHeaders = Record<string, string | string[] | undefined>;

type PortalUserRecord = Prisma.PortalUserGetPayload<object>;

function toPortalUserView(user: PortalUserRecord): PortalUserView {
  return {
    portalUserId: user.id,
    portalId: user.portalId,
    contactId: user.contactId,
    companyId: user.companyId,
    email: user.email,
    name: user.name,
    invitedAt: user.invitedAt.toISOString(),
  };
}

export async function listPortalUsers(
  tx: OrgTransaction,
  { portalId }: ByPortalId,
): Promise<PortalUserView[]> {
  await portalInOrg(tx, portalId);
  const users = await tx.portalUser.findMany({ where: { portalId }, orderBy: { invitedAt: 'asc' } });
  return users.map(toPortalUserView);
}

/** The invitation kept: the portal user (again the same one on a second invite) and where to sign in. */
export async function saveInvitation(
  tx: OrgTransaction,
  portalId: string,
  contact: InvitedContact,
  staff: { readonly user: { readonly id: string }; readonly headers: SiteHeaders },
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
  const origin = await portalOrigin(tx, portal, staff.headers.host);
  return { user: toPortalUserView(user), portalName: portal.name, signInUrl: `${origin}/sign-in` };
}
