import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { outstandingInvoicesInput, outstandingInvoicesView } from './assistant.schema';
import { outstandingInvoices } from './outstanding-invoices.service';

/** The AI assistant's read-only Books queries (served to it over MCP), compact and paged. */
export const assistantRouter = router({
  outstandingInvoices: staffProcedure
    .meta({ permission: 'books.invoices.read' })
    .input(outstandingInvoicesInput)
    .output(outstandingInvoicesView)
    .query(inTenant((tx, input) => outstandingInvoices(tx, input))),
});
