import { psa } from '../../api/trpc.client';
import { Link } from '../../shell/router';
import { Loading } from '../../ui/feedback';
import { usePage } from '../../ui/pager';
import { useLoad } from '../../ui/use-load';

type Client = Awaited<ReturnType<typeof psa.clients.list.query>>[number];

function ClientTable({ clients }: { clients: readonly Client[] }) {
  const { rows, pager } = usePage(clients);
  if (clients.length === 0) return <p>No clients yet: promote a company in CRM.</p>;
  return (
    <>
      <ul>
        {rows.map((client) => (
          <li key={client.id}>
            <Link href={`/psa/clients/${client.id}`}>{client.name}</Link>{' '}
            <span className="muted">{client.status}</span>
          </li>
        ))}
      </ul>
      {pager}
    </>
  );
}

export function ClientsPage() {
  const clients = useLoad(() => psa.clients.list.query(), 'clients');
  return (
    <section>
      <h1>Clients</h1>
      <Loading loaded={clients}>{(list) => <ClientTable clients={list} />}</Loading>
    </section>
  );
}
