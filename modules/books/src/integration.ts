import { booksGlJournal, booksInvoicesList, booksRevenueDashboard } from '@suite/contracts';
import { fromContract, inTenant, router } from '@suite/hub-auth';
import { glJournal } from './gl/gl-journal.service';
import { issuedInvoicesOf } from './invoices/invoice-integration.service';
import { revenueDashboard } from './revenue/revenue-dashboard.service';

/**
 * Books' integration API for sister products, each procedure as its contract in
 * contracts/src/integration/books.integration.ts states it; served at /books/integration with
 * X-Integration-Key.
 */
export const booksIntegrationRouter = router({
  invoices: router({ list: fromContract(booksInvoicesList).query(inTenant(issuedInvoicesOf)) }),
  revenue: router({ dashboard: fromContract(booksRevenueDashboard).query(inTenant(revenueDashboard)) }),
  gl: router({ journal: fromContract(booksGlJournal).query(inTenant(glJournal)) }),
});
