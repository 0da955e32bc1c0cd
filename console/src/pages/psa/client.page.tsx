import { psa } from '../../api/trpc.client';
import { useCan } from '../../shell/session.context';
import { Loading } from '../../ui/feedback';
import { useLoad } from '../../ui/use-load';
import { AddService } from './add-service';
import { ClientStatus } from './client-status';
import { Contracts } from './contracts';
import { CrmSidebar } from './crm-sidebar';
import { Tickets } from './tickets';

export function ClientPage({ clientId }: { clientId: string }) {
  const can = useCan();
  const sidebar = useLoad(() => psa.clients.sidebar.query({ clientId }), clientId);
  return (
    <Loading loaded={sidebar}>
      {(data) => (
        <div className="with-sidebar">
          <article>
            <h1>{data.client.name}</h1>
            <p className="muted">
              {data.client.domain ?? 'no domain'} · {data.client.status} · {data.openTickets} open tickets
            </p>
            {can('psa.clients.write') && (
              <ClientStatus
                key={data.client.status}
                clientId={clientId}
                status={data.client.status}
                onDone={sidebar.reload}
              />
            )}
            <section aria-labelledby="client-contacts">
              <h2 id="client-contacts">Contacts</h2>
              <ul>
                {data.contacts.length === 0 && <li>No contacts.</li>}
                {data.contacts.map((contact) => (
                  <li key={contact.id}>
                    {contact.name} {contact.email && <span className="muted">{contact.email}</span>}
                  </li>
                ))}
              </ul>
            </section>
            {can('psa.contracts.read') && (
              <section aria-labelledby="client-contracts">
                <h2 id="client-contracts">Contracts</h2>
                <Contracts clientId={clientId} />
              </section>
            )}
            {can('psa.tickets.read') && (
              <section aria-labelledby="client-tickets">
                <h2 id="client-tickets">Tickets</h2>
                <Tickets clientId={clientId} />
              </section>
            )}
            {can('psa.clients.write') && (
              <section aria-labelledby="client-add-service">
                <h2 id="client-add-service">Add Service</h2>
                <AddService clientId={clientId} />
              </section>
            )}
          </article>
          <CrmSidebar clientId={clientId} sidebar={data} onRetry={sidebar.reload} />
        </div>
      )}
    </Loading>
  );
}
