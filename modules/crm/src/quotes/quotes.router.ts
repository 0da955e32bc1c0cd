import { crmLineItem, entityId, quotesCreate } from '@suite/contracts';
import { router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { byCompanyId } from '../companies/company.schema';
import { quoteListView } from './quote.schema';
import { createQuote, listQuotes } from './quote.service';

const quoteCreateInput = z.object({
  companyId: entityId,
  dealId: entityId.optional(),
  lines: z.array(crmLineItem).min(1),
  note: z.string().max(2000).optional(),
});

export const quotesRouter = router({
  list: staffProcedure
    .meta({ permission: 'crm.deals.read' })
    .input(byCompanyId)
    .output(z.array(quoteListView))
    .query(({ ctx, input }) => ctx.tenant.transaction((tx) => listQuotes(tx, input.companyId))),
  create: staffProcedure
    .meta({ permission: 'crm.quotes.write' })
    .input(quoteCreateInput)
    .output(quotesCreate.output)
    .mutation(({ ctx, input }) =>
      ctx.tenant.transaction((tx) => createQuote(tx, { ...input, requestedBy: ctx.user.id, source: 'crm' })),
    ),
});
