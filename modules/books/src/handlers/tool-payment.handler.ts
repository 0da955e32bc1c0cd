import { defineSubscription } from '@suite/bus';
import { toolsPaymentSucceeded } from '@suite/contracts';
import { recordToolPayment } from '../payments/payment.service';

/** Flow 4: a card payment the tool layer took for an invoice (`books-invoice:<id>`) pays it. */
export const toolPaymentSubscription = defineSubscription({
  group: 'books.tool-payment',
  types: [toolsPaymentSucceeded],
  async handler(event, { tx, log }) {
    const outcome = await recordToolPayment(tx, event.data);
    if ('skipped' in outcome)
      log.info({ paymentId: event.data.paymentId, provider: event.data.provider }, outcome.skipped);
    else log.info({ paymentId: event.data.paymentId }, outcome.recorded.explanation);
  },
});
