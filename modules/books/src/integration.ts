import { booksInvoicesList } from '@suite/contracts';
import { inTenant, integrationProcedure, router } from '@suite/hub-auth';
import { issuedInvoicesOf } from './invoices/invoice-integration.service';

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
});
