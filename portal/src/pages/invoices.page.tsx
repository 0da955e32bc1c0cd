import { Loading } from '@suite/console/feedback';
import { api } from '../api/client';
import { useClientLoad } from '../use-client';

const STATUS = { finalized: 'Open', paid: 'Paid', void: 'Void' } as const;

/** The company's issued invoices from the MSP's Books, what each totals and still owes. */
export function InvoicesPage() {
  const invoices = useClientLoad(() => api.invoices.list.query(), 'invoices');
  return (
    <section aria-labelledby="invoices">
      <h1 id="invoices">Invoices</h1>
      <Loading loaded={invoices}>
        {(list) =>
          list.length === 0 ? (
            <p>No invoices yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Issued</th>
                  <th scope="col">Due</th>
                  <th scope="col">Total</th>
                  <th scope="col">Outstanding</th>
                  <th scope="col">Status</th>
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
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loading>
    </section>
  );
}
