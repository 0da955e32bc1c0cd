import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import {
  byPortalId,
  portalCreateInput,
  portalDeletion,
  portalUpdateInput,
  portalView,
} from './portal.schema';
import { createPortal, getPortal, listPortals, updatePortal } from './portal.service';
import { deletePortal } from './portal-deletion.service';

const read = staffProcedure.meta({ permission: 'portal.access' });
const manage = staffProcedure.meta({ permission: 'portal.portals.manage' });

/** Portals of the org: name, branding, support contact and feature toggles; deleting one. */
export const portalRouter = router({
  list: read.output(z.array(portalView)).query(inTenant(listPortals)),
  get: read.input(byPortalId).output(portalView).query(inTenant(getPortal)),
  create: manage.input(portalCreateInput).output(portalView).mutation(inTenant(createPortal)),
  update: manage.input(portalUpdateInput).output(portalView).mutation(inTenant(updatePortal)),
  delete: manage.input(byPortalId).output(portalDeletion).mutation(inTenant(deletePortal)),
});
