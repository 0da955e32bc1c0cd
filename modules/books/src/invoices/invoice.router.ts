import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { issueCreditNote } from './credit-note.service';
import {
  byInvoiceId,
  creditNoteCreateInput,
  invoiceCreateInput,
  invoiceListInput,
  invoiceView,
} from './invoice.schema';
import { getInvoice, listInvoices } from './invoice.service';
import { createManualInvoice, finalizeManualInvoice, voidInvoice } from './invoice-manual.service';

const read = staffProcedure.meta({ permission: 'books.invoices.read' });
const manage = staffProcedure.meta({ permission: 'books.billing.manage' });

export const invoiceRouter = router({
  list: read.input(invoiceListInput).output(z.array(invoiceView)).query(inTenant(listInvoices)),
  get: read
    .input(byInvoiceId)
    .output(invoiceView)
    .query(inTenant((tx, input) => getInvoice(tx, input.invoiceId))),
  /** A manual invoice, as a draft. */
  create: manage.input(invoiceCreateInput).output(invoiceView).mutation(inTenant(createManualInvoice)),
  finalize: manage
    .input(byInvoiceId)
    .output(invoiceView)
    .mutation(inTenant((tx, input) => finalizeManualInvoice(tx, input.invoiceId))),
  void: manage
    .input(byInvoiceId)
    .output(invoiceView)
    .mutation(inTenant((tx, input) => voidInvoice(tx, input.invoiceId))),
  credit: manage
    .input(creditNoteCreateInput)
    .output(invoiceView)
    .mutation(inTenant((tx, input, ctx) => issueCreditNote(tx, input, ctx.user.id))),
});
