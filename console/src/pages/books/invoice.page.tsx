import { books } from '../../api/trpc.client';
import { Link } from '../../shell/router';
import { Loading, Time } from '../../ui/feedback';
import { money } from '../../ui/money';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-load';

type Invoice = Awaited<ReturnType<typeof books.invoices.get.query>>;

function Lines({ invoice }: { invoice: Invoice }) {
  const amount = (value: string) => money(value, invoice.currency);
  return (
    <Table
      label="Lines"
      headers={['Item', 'Description', 'Quantity', 'Unit price', 'Amount', 'Tax', 'Period']}
    >
      {invoice.lines.map((line, index) => (
        // Lines have no id of their own; their order on the invoice is fixed.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <tr key={index}>
          <td>{line.itemCode}</td>
          <td>{line.description}</td>
          <td>{line.quantity}</td>
          <td>{amount(line.unitPrice)}</td>
          <td>{amount(line.amount)}</td>
          <td>{amount(line.tax)}</td>
          <td>
            {line.periodStart} – {line.periodEnd}
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function InvoicePage({ invoiceId }: { invoiceId: string }) {
  const invoice = useLoad(() => books.invoices.get.query({ invoiceId }), invoiceId);
  return (
    <Loading loaded={invoice}>
      {(data) => (
        <article>
          <h1>Invoice {data.number ?? '(draft)'}</h1>
          <p>
            {data.status} · total {money(data.total, data.currency)} (tax {money(data.tax, data.currency)}) ·
            outstanding {money(data.outstanding, data.currency)} · issued {data.issuedOn ?? '—'} · due{' '}
            {data.dueOn ?? '—'} · paid <Time at={data.paidAt} />
          </p>
          <p>
            <Link href={`/crm/companies/${data.crmCompanyId}`}>The company in CRM</Link> ·{' '}
            <Link href="/books/invoices">All invoices</Link>
          </p>
          <Lines invoice={data} />
          {data.creditNotes.length > 0 && (
            <>
              <h2>Credit notes</h2>
              <ul>
                {data.creditNotes.map((note) => (
                  <li key={note.number}>
                    {note.number}: {money(note.amount, data.currency)} — {note.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      )}
    </Loading>
  );
}
