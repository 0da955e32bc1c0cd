import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { byCompanyId } from '../companies/company.schema';
import { quoteCreateInput, quoteListView, quoteView } from './quote.schema';
import { createStaffQuote, listQuotes } from './quote.service';

export const quoteRouter = router({
  list: staffProcedure
    .meta({ permission: 'crm.deals.read' })
    .input(byCompanyId)
    .output(z.array(quoteListView))
    .query(inTenant(listQuotes)),
  create: staffProcedure
    .meta({ permission: 'crm.quotes.write' })
    .input(quoteCreateInput)
    .output(quoteView)
    .mutation(inTenant(createStaffQuote)),
});
