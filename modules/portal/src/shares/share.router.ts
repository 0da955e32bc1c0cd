import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { byPortalId } from '../portals/portal.schema';
import { shareQuoteInput, shareView } from './share.schema';
import { listShares, shareQuote } from './share.service';

const read = staffProcedure.meta({ permission: 'portal.access' });
const write = staffProcedure.meta({ permission: 'portal.shares.write' });

/** What staff shared through a portal, and sharing a quote. */
export const shareRouter = router({
  list: read.input(byPortalId).output(z.array(shareView)).query(inTenant(listShares)),
  shareQuote: write.input(shareQuoteInput).output(shareView).mutation(inTenant(shareQuote)),
});
