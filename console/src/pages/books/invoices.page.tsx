import { useState } from 'react';
import { books, crm } from '../../api/trpc.client';
import { Link } from '../../shell/router';
import { Loading } from '../../ui/feedback';
import { money } from '../../ui/money';
import { usePage } from '../../ui/pager';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-load';

type Invoice = Awaited<ReturnType<typeof books.invoices.list.query>>[number];

const STATUSES = ['draft', 'finalized', 'paid', 'void'] as const;

/** Invoices name their client by CRM company id; the names come from CRM's list. */
function useCompanyNames(): Map<string, string> {
  const companies = useLoad(() => crm.companies.list.query({}), 'companies');
  return new Map(companies.data?.map((company) => [company.id, company.name]));
}

function InvoiceTable({ invoices }: { invoices: readonly Invoice[] }) {
  const names = useCompanyNames();
  const { rows, pager } = usePage(invoices);
  if (invoices.length === 0) return <p>No invoices.</p>;
  return (
    <>
      <Table label="Invoices" headers={['Number', 'Company', 'Total', 'Outstanding', 'Due', 'Status']}>
        {rows.map((invoice) => (
          <tr key={invoice.invoiceId}>
            <td>
              <Link href={`/books/invoices/${invoice.invoiceId}`}>{invoice.number ?? 'Draft'}</Link>
            </td>
            <td>
              <Link href={`/crm/companies/${invoice.crmCompanyId}`}>
                {names.get(invoice.crmCompanyId) ?? 'company'}
              </Link>
            </td>
            <td>{money(invoice.total, invoice.currency)}</td>
            <td>{money(invoice.outstanding, invoice.currency)}</td>
            <td>{invoice.dueOn ?? '—'}</td>
            <td>{invoice.status}</td>
          </tr>
        ))}
      </Table>
      {pager}
    </>
  );
}

export function InvoicesPage() {
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('');
  const invoices = useLoad(() => books.invoices.list.query(status ? { status } : {}), status);
  return (
    <section>
      <h1>Invoices</h1>
      <div className="row">
        <label htmlFor="invoice-status">Status</label>
        <select
          id="invoice-status"
          value={status}
          onChange={(event) => setStatus(event.target.value as typeof status)}
        >
          <option value="">all</option>
          {STATUSES.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </div>
      <Loading loaded={invoices}>{(list) => <InvoiceTable invoices={list} />}</Loading>
    </section>
  );
}
