import { portal } from '../../api/trpc.client';
import { ActionButton } from '../../ui/action-button';
import { CopyButton } from '../../ui/copy-button';
import { Loading, Time } from '../../ui/feedback';
import { OneFieldForm } from '../../ui/one-field-form';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-load';
import type { DomainView } from './portal-view';

const PILL: Record<DomainView['status'], string> = {
  pending: 'pill-warning',
  verified: 'pill-connected',
  active: 'pill-connected',
  failed: 'pill-error',
};

function DomainCard({ domain, onChange }: { domain: DomainView; onChange: () => void }) {
  return (
    <article className="card" aria-label={domain.host}>
      <h3>
        <code>{domain.host}</code> <span className={`pill ${PILL[domain.status]}`}>{domain.status}</span>
      </h3>
      {domain.failureReason && <p className="error">{domain.failureReason}</p>}
      <p className="muted">
        Last checked <Time at={domain.checkedAt} />
      </p>
      {domain.status !== 'active' && (
        <>
          <p>Create these records at the domain's DNS host, then verify:</p>
          <Table label={`DNS records for ${domain.host}`} headers={['Type', 'Name', 'Value', '']}>
            {domain.records.map((record) => (
              <tr key={record.type}>
                <td>{record.type}</td>
                <td>
                  <code>{record.name}</code>
                </td>
                <td>
                  <code>{record.value}</code>
                </td>
                <td>
                  <CopyButton value={record.value} label={`Copy ${record.type} value`} />
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
      <div className="row">
        {(domain.status === 'pending' || domain.status === 'failed') && (
          <ActionButton
            label="Verify now"
            busyLabel="Checking DNS…"
            ariaLabel={`Verify now for ${domain.host}`}
            run={() => portal.domains.verify.mutate({ domainId: domain.domainId })}
            onDone={onChange}
          />
        )}
        {domain.status === 'verified' && (
          <ActionButton
            label="Activate"
            busyLabel="Activating…"
            ariaLabel={`Activate ${domain.host}`}
            run={() => portal.domains.activate.mutate({ domainId: domain.domainId })}
            onDone={onChange}
          />
        )}
        <ActionButton
          label="Remove"
          busyLabel="Removing…"
          ariaLabel={`Remove ${domain.host}`}
          run={async () => {
            if (!window.confirm(`Remove ${domain.host}? The portal stops answering on it.`)) return undefined;
            return portal.domains.remove.mutate({ domainId: domain.domainId });
          }}
          onDone={onChange}
        />
      </div>
    </article>
  );
}

/** Custom domains: pending until DNS proves ownership, verified, then active (serving the portal). */
export function PortalDomains({ portalId }: { portalId: string }) {
  const domains = useLoad(() => portal.domains.list.query({ portalId }), portalId);
  return (
    <section aria-labelledby="domains">
      <h2 id="domains">Custom domains</h2>
      <Loading loaded={domains}>
        {(list) =>
          list.length === 0 ? (
            <p>No custom domains yet.</p>
          ) : (
            list.map((domain) => (
              <DomainCard key={domain.domainId} domain={domain} onChange={domains.reload} />
            ))
          )
        }
      </Loading>
      <OneFieldForm
        title="Add a custom domain"
        label="Domain"
        name="host"
        placeholder="clients.yourmsp.com"
        submitLabel="Add domain"
        busyLabel="Adding…"
        submit={(host) => portal.domains.add.mutate({ portalId, host })}
        onDone={domains.reload}
      />
    </section>
  );
}
