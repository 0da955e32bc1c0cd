import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { paymentRecordInput, paymentView } from './payment.schema';
import { recordPayment } from './payment.service';

export const paymentRouter = router({
  /** Flow 4: a payment received by hand (bank transfer, cheque). */
  record: staffProcedure
    .meta({ permission: 'books.invoices.write' })
    .input(paymentRecordInput)
    .output(paymentView)
    .mutation(inTenant((tx, input, ctx) => recordPayment(tx, input, ctx.user.id))),
});
