import type { PortalUserRecord } from '../sign-in/session.service';
import type { PortalUserState, PortalUserView } from './portal-user.schema';

function stateOf(user: PortalUserRecord): PortalUserState {
  if (user.revokedAt) return 'revoked';
  // A restore is a new invitation (invitedAt moves), so a sign-in before the revocation does not count.
  return user.lastSignedInAt && user.lastSignedInAt >= user.invitedAt ? 'active' : 'invited';
}

export function toPortalUserView(user: PortalUserRecord): PortalUserView {
  return {
    portalUserId: user.id,
    portalId: user.portalId,
    contactId: user.contactId,
    companyId: user.companyId,
    email: user.email,
    name: user.name,
    state: stateOf(user),
    invitedAt: user.invitedAt.toISOString(),
    lastSignedInAt: user.lastSignedInAt?.toISOString() ?? null,
    revokedAt: user.revokedAt?.toISOString() ?? null,
  };
}
