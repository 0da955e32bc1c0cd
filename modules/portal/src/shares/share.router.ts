import { inTenant, inTenantSteps, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { retrySignedFile } from '../addenda/signed-file-retry-flow';
import { byPortalId } from '../portals/portal.schema';
import { byShareId, shareQuoteInput, shareView } from './share.schema';
import { listShares, shareQuote } from './share.service';

const read = staffProcedure.meta({ permission: 'portal.access' });
const write = staffProcedure.meta({ permission: 'portal.shares.write' });

/** What staff shared through a portal, sharing a quote, and fetching a vendor's signed PDF again. */
export const shareRouter = router({
  list: read.input(byPortalId).output(z.array(shareView)).query(inTenant(listShares)),
  shareQuote: write.input(shareQuoteInput).output(shareView).mutation(inTenant(shareQuote)),
  retrySignedFile: write.input(byShareId).output(shareView).mutation(inTenantSteps(retrySignedFile)),
});
