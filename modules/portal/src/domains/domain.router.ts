import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { byPortalId } from '../portals/portal.schema';
import { byDomainId, domainAddInput, domainView } from './domain.schema';
import { activateDomain, addDomain, listDomains, removeDomain, verifyDomain } from './domain.service';

const read = staffProcedure.meta({ permission: 'portal.access' });
const manage = staffProcedure.meta({ permission: 'portal.portals.manage' });

/** Custom domains: pending → verified (DNS) → active, or failed with the reason. */
export const domainRouter = router({
  list: read.input(byPortalId).output(z.array(domainView)).query(inTenant(listDomains)),
  add: manage.input(domainAddInput).output(domainView).mutation(inTenant(addDomain)),
  verify: manage.input(byDomainId).output(domainView).mutation(inTenant(verifyDomain)),
  activate: manage.input(byDomainId).output(domainView).mutation(inTenant(activateDomain)),
  remove: manage.input(byDomainId).output(domainView).mutation(inTenant(removeDomain)),
});
