import { ErrorNote } from '@suite/console/feedback';
import { useState } from 'react';
import { api } from '../api/client';
import { newAttemptId } from '../attempt-id';
import { LoadedList } from '../loaded-list';
import { useClientAction, useClientLoad } from '../use-client';

const STATUS = { finalized: 'Open', paid: 'Paid', void: 'Void' } as const;

/**
 * Pay Now: the server makes a hosted checkout page at the MSP's payment vendor and the browser goes
 * there; the card is typed on the vendor's page. One attempt id per press, so a double click is one page.
 */
function PayNow({ invoiceId, number }: { invoiceId: string; number: string }) {
  const action = useClientAction();
  const [attemptId] = useState(newAttemptId);
  const pay = async () => {
    const checkout = await action.run(() => api.invoices.checkout.mutate({ invoiceId, attemptId }));
    if (checkout) window.location.assign(checkout.checkoutUrl);
  };
  return (
    <>
      <button type="button" onClick={pay} disabled={action.busy} aria-label={`Pay invoice ${number} now`}>
        {action.busy ? 'Opening payment…' : 'Pay Now'}
      </button>
      <ErrorNote error={action.error} />
    </>
  );
}

/** The company's issued invoices from the MSP's Books, what each totals and still owes. */
export function InvoicesPage() {
  const invoices = useClientLoad(() => api.invoices.list.query(), 'invoices');
  const payNow = useClientLoad(() => api.invoices.payNow.query(), 'pay-now');
  const returned = new URLSearchParams(window.location.search).has('paid');
  return (
    <section aria-labelledby="invoices">
      <h1 id="invoices">Invoices</h1>
      {returned && (
        <p role="status">Thank you: your payment went through. The invoice shows paid once it is booked.</p>
      )}
      <LoadedList loaded={invoices} empty="No invoices yet.">
        {(list) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Issued</th>
                <th scope="col">Due</th>
                <th scope="col">Total</th>
                <th scope="col">Outstanding</th>
                <th scope="col">Status</th>
                <th scope="col">Payment</th>
              </tr>
            </thead>
            <tbody>
              {list.map((invoice) => (
                <tr key={invoice.invoiceId}>
                  <td>{invoice.number}</td>
                  <td>{invoice.issuedOn}</td>
                  <td>{invoice.dueOn}</td>
                  <td>
                    {invoice.total} {invoice.currency}
                  </td>
                  <td>
                    {invoice.outstanding} {invoice.currency}
                  </td>
                  <td>{STATUS[invoice.status]}</td>
                  <td>
                    {payNow.data?.payNow && invoice.status === 'finalized' && (
                      <PayNow invoiceId={invoice.invoiceId} number={invoice.number} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedList>
    </section>
  );
}
