import { booksGlJournal, booksInvoicesList, booksRevenueDashboard } from '@suite/contracts';
import { inTenant, integrationProcedure, router } from '@suite/hub-auth';
import { glJournal } from './gl/gl-journal.service';
import { issuedInvoicesOf } from './invoices/invoice-integration.service';
import { revenueDashboard } from './revenue/revenue-dashboard.service';

/**
 * Books' integration API for sister products (contracts/src/integration/books.integration.ts), served
 * at /books/integration with X-Integration-Key.
 */
export const booksIntegrationRouter = router({
  invoices: router({
    list: integrationProcedure(booksInvoicesList.scope)
      .input(booksInvoicesList.input)
      .output(booksInvoicesList.output)
      .query(inTenant(issuedInvoicesOf)),
  }),
  revenue: router({
    dashboard: integrationProcedure(booksRevenueDashboard.scope)
      .input(booksRevenueDashboard.input)
      .output(booksRevenueDashboard.output)
      .query(inTenant((tx, input, ctx) => revenueDashboard(tx, input, ctx))),
  }),
  gl: router({
    journal: integrationProcedure(booksGlJournal.scope)
      .input(booksGlJournal.input)
      .output(booksGlJournal.output)
      .query(inTenant(glJournal)),
  }),
});
