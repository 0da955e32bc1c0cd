import { useState } from 'react';
import { portal } from '../../api/trpc.client';
import { Link } from '../../shell/router';
import { Loading } from '../../ui/feedback';
import { useLoad } from '../../ui/use-load';
import { deletionSummary, PortalDelete } from './portal-delete';
import { PortalDomains } from './portal-domains';
import { PortalSettingsForm } from './portal-settings-form';
import { PortalUsers } from './portal-users';
import { PortalVendorFiles } from './portal-vendor-files';

/** One portal: its settings and branding, its custom domains and who may sign in. */
export function PortalPage({ portalId }: { portalId: string }) {
  const view = useLoad(() => portal.portals.get.query({ portalId }), portalId);
  const [deleted, setDeleted] = useState<string>();
  if (deleted)
    return (
      <article>
        <p className="notice" role="status">
          {deleted}
        </p>
        <p>
          <Link href="/portal/portals">All portals</Link>
        </p>
      </article>
    );
  return (
    <Loading loaded={view}>
      {(detail) => (
        <article>
          <p>
            <Link href="/portal/portals">All portals</Link>
          </p>
          <h1>{detail.name}</h1>
          <p className="muted">
            Answers at <code>{detail.developmentHost}</code> and at its active custom domains.
          </p>
          <PortalSettingsForm key={detail.portalId} view={detail} onSaved={view.reload} />
          <PortalDomains portalId={portalId} />
          <PortalUsers portalId={portalId} />
          <PortalVendorFiles portalId={portalId} />
          <PortalDelete
            view={detail}
            onDeleted={(deletion) => setDeleted(deletionSummary(detail.name, deletion))}
          />
        </article>
      )}
    </Loading>
  );
}
