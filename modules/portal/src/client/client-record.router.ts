import { inTenant, router } from '@suite/hub-auth';
import { featureProcedure } from './client.procedure';
import { clientActivityInput, clientActivityView, clientInvoicesView } from './client-record.schema';
import { listClientActivity, listClientInvoices } from './client-record.service';

/** The company's activity (CRM) and invoices (Books), each behind its toggle. */
export const clientActivityRouter = router({
  list: featureProcedure('activity')
    .input(clientActivityInput)
    .output(clientActivityView)
    .query(inTenant(listClientActivity)),
});
export const clientInvoiceRouter = router({
  list: featureProcedure('invoices').output(clientInvoicesView).query(inTenant(listClientInvoices)),
});
