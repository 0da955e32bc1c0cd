import { crm, psa } from '../../api/trpc.client';
import { Link } from '../../shell/router';
import { useCan } from '../../shell/session.context';
import { ActionButton } from '../../ui/action-button';
import { ErrorNote, Loading, Time } from '../../ui/feedback';
import { money } from '../../ui/money';
import { useLoad, usePolling } from '../../ui/use-load';
import { HealthPanel } from './health-panel';
import { Timeline } from './timeline';

/** Promotion reaches PSA over the bus; the link appears once PSA has made the client. */
function PsaClientLink({ companyId }: { companyId: string }) {
  const clients = useLoad(() => psa.clients.list.query(), companyId);
  const client = clients.data?.find((candidate) => candidate.crmCompanyId === companyId);
  usePolling(clients.reload, !client && !clients.error);
  if (!clients.data && !clients.error) return null;
  if (client) return <Link href={`/psa/clients/${client.id}`}>Open the PSA client</Link>;
  return (
    <span role="status">
      PSA is setting up the client…
      <ErrorNote error={clients.error} />
    </span>
  );
}

function Promote({
  companyId,
  promotedAt,
  onDone,
}: {
  companyId: string;
  promotedAt: string | null;
  onDone: () => void;
}) {
  const can = useCan();
  if (promotedAt)
    return (
      <p>
        PSA client since <Time at={promotedAt} />.{' '}
        {can('psa.access') && <PsaClientLink companyId={companyId} />}
      </p>
    );
  if (!can('crm.companies.promote')) return null;
  return (
    <p>
      <ActionButton
        label="Promote to PSA client"
        busyLabel="Promoting…"
        run={() => crm.companies.promote.mutate({ companyId })}
        onDone={onDone}
      />
    </p>
  );
}

export function CompanyPage({ companyId }: { companyId: string }) {
  const company = useLoad(() => crm.companies.get.query({ companyId }), companyId);
  const health = useLoad(() => crm.health.get.query({ companyId }), companyId);
  const deals = useLoad(() => crm.deals.list.query({ companyId }), companyId);
  return (
    <Loading loaded={company}>
      {(detail) => (
        <article>
          <h1>{detail.name}</h1>
          <p className="muted">
            {detail.domain ?? 'no domain'} · {detail.status} · since <Time at={detail.createdAt} />
          </p>
          <Promote companyId={companyId} promotedAt={detail.promotedAt} onDone={company.reload} />
          <div className="grid">
            <section aria-labelledby="health">
              <h2 id="health">Health score</h2>
              <Loading loaded={health}>{(data) => <HealthPanel health={data} />}</Loading>
            </section>
            <section aria-labelledby="contacts">
              <h2 id="contacts">Contacts</h2>
              {detail.contacts.length === 0 && <p>No contacts.</p>}
              <ul>
                {detail.contacts.map((contact) => (
                  <li key={contact.id}>
                    {contact.name}
                    {contact.title && `, ${contact.title}`}
                    {contact.email && <span className="muted"> {contact.email}</span>}
                    {contact.emailBounced && (
                      <>
                        {' '}
                        <strong className="tag">
                          Email bounced
                          {contact.emailBounced.reason && `: ${contact.emailBounced.reason}`}
                        </strong>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="deals">
              <h2 id="deals">Deals</h2>
              <Loading loaded={deals}>
                {(list) => (
                  <ul>
                    {list.length === 0 && <li>No deals.</li>}
                    {list.map((deal) => (
                      <li key={deal.dealId}>
                        {deal.name} · {deal.stage} · {money(deal.value, deal.currency)}
                      </li>
                    ))}
                  </ul>
                )}
              </Loading>
              <Link href="/crm/deals">Pipeline</Link>
            </section>
            <section aria-labelledby="timeline">
              <h2 id="timeline">Timeline</h2>
              <Timeline load={(cursor) => crm.timeline.list.query({ companyId, cursor, limit: 20 })} />
            </section>
          </div>
        </article>
      )}
    </Loading>
  );
}
