import { inTenant, router } from '@suite/hub-auth';
import { featureProcedure } from './client.procedure';
import {
  checkoutInvoiceInput,
  invoiceCheckoutView,
  invoicePaymentView,
  payInvoiceInput,
  payNowView,
} from './client-payment.schema';
import { checkoutClientInvoice, clientPayNow, payClientInvoice } from './client-payment.service';
import { clientActivityInput, clientActivityView, clientInvoicesView } from './client-record.schema';
import { listClientActivity, listClientInvoices } from './client-record.service';

/** The company's activity (CRM) and invoices (Books, with Pay Now), each behind its toggle. */
export const clientActivityRouter = router({
  list: featureProcedure('activity')
    .input(clientActivityInput)
    .output(clientActivityView)
    .query(inTenant(listClientActivity)),
});
const invoices = featureProcedure('invoices');
export const clientInvoiceRouter = router({
  list: invoices.output(clientInvoicesView).query(inTenant(listClientInvoices)),
  payNow: invoices.output(payNowView).query(inTenant(clientPayNow)),
  checkout: invoices
    .input(checkoutInvoiceInput)
    .output(invoiceCheckoutView)
    .mutation(inTenant(checkoutClientInvoice)),
  pay: invoices.input(payInvoiceInput).output(invoicePaymentView).mutation(inTenant(payClientInvoice)),
});
