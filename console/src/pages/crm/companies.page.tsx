import { type FormEvent, useState } from 'react';
import { crm } from '../../api/trpc.client';
import { Link } from '../../shell/router';
import { Loading, Time } from '../../ui/feedback';
import { usePage } from '../../ui/pager';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-load';

type Company = Awaited<ReturnType<typeof crm.companies.list.query>>[number];

function CompanyTable({ companies }: { companies: readonly Company[] }) {
  const { rows, pager } = usePage(companies);
  if (companies.length === 0) return <p>No companies match.</p>;
  return (
    <>
      <Table label="Companies" headers={['Company', 'Status', 'Health', 'PSA client since']}>
        {rows.map((company) => (
          <tr key={company.id}>
            <td>
              <Link href={`/crm/companies/${company.id}`}>{company.name}</Link>
              {company.domain && <span className="muted"> {company.domain}</span>}
            </td>
            <td>{company.status}</td>
            <td>{company.healthScore ?? '—'}</td>
            <td>
              <Time at={company.promotedAt} />
            </td>
          </tr>
        ))}
      </Table>
      {pager}
    </>
  );
}

export function CompaniesPage() {
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const companies = useLoad(() => crm.companies.list.query(search ? { search } : {}), search);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft.trim());
  };
  return (
    <section>
      <h1>Companies</h1>
      <form className="row" onSubmit={onSubmit}>
        <label htmlFor="company-search">Search by name</label>
        <input
          id="company-search"
          type="search"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      <Loading loaded={companies}>{(list) => <CompanyTable companies={list} />}</Loading>
    </section>
  );
}
