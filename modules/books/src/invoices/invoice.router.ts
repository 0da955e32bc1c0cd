import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { byInvoiceId, invoiceListInput, invoiceView } from './invoice.schema';
import { getInvoice, listInvoices } from './invoice.service';

const read = staffProcedure.meta({ permission: 'books.invoices.read' });

export const invoiceRouter = router({
  list: read.input(invoiceListInput).output(z.array(invoiceView)).query(inTenant(listInvoices)),
  get: read
    .input(byInvoiceId)
    .output(invoiceView)
    .query(inTenant((tx, input) => getInvoice(tx, input.invoiceId))),
});
