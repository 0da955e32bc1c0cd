import { inTenant, inTenantSteps, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { byPortalId } from '../portals/portal.schema';
import { inviteContact } from './invitation-flow';
import { byPortalUserId, invitationInput, portalUserView } from './portal-user.schema';
import { listPortalUsers, revokePortalUser } from './portal-user.service';

const read = staffProcedure.meta({ permission: 'portal.access' });
const manage = staffProcedure.meta({ permission: 'portal.portals.manage' });

/** Client contacts invited to a portal; inviting a revoked user again restores their access. */
export const portalUserRouter = router({
  list: read.input(byPortalId).output(z.array(portalUserView)).query(inTenant(listPortalUsers)),
  invite: manage.input(invitationInput).output(portalUserView).mutation(inTenantSteps(inviteContact)),
  revoke: manage.input(byPortalUserId).output(portalUserView).mutation(inTenant(revokePortalUser)),
});
