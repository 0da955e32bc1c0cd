import { inTenant, router } from '@suite/hub-auth';
import { z } from 'zod';
import { byShareId, quoteResponseInput, sharedQuoteView, shareView } from '../shares/share.schema';
import { featureProcedure } from './client.procedure';
import { listClientQuotes, openClientQuote, respondToQuote } from './client-quote.service';

const quotes = featureProcedure('quotes');

/** Quotes shared with the client's company, behind the portal's `quotes` toggle. */
export const clientQuoteRouter = router({
  list: quotes.output(z.array(shareView)).query(inTenant(listClientQuotes)),
  open: quotes.input(byShareId).output(sharedQuoteView).mutation(inTenant(openClientQuote)),
  respond: quotes.input(quoteResponseInput).output(sharedQuoteView).mutation(inTenant(respondToQuote)),
});
