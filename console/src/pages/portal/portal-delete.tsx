import { portal } from '../../api/trpc.client';
import { ActionButton } from '../../ui/action-button';
import type { PortalDeletion, PortalView } from './portal-view';

/** What deleting did, in a sentence: archived portals keep what clients were shown and signed. */
export function deletionSummary(name: string, deletion: PortalDeletion): string {
  const domains = deletion.domainsRemoved.length
    ? ` Custom domains released: ${deletion.domainsRemoved.join(', ')}.`
    : '';
  const kept =
    deletion.outcome === 'archived'
      ? ` Its ${deletion.sharesKept} shared quote(s) and document(s), with their signatures, are kept; its users are revoked.`
      : '';
  return `${name} was deleted; ${deletion.sessionsEnded} client session(s) ended.${domains}${kept}`;
}

/**
 * Deleting a portal, after a confirmation naming what goes (decision 0158): it stops answering at once,
 * its domains are released and its clients signed out; shared documents and signatures stay.
 */
export function PortalDelete({
  view,
  onDeleted,
}: {
  view: PortalView;
  onDeleted: (deletion: PortalDeletion) => void;
}) {
  return (
    <section aria-labelledby="portal-delete">
      <h2 id="portal-delete">Delete portal</h2>
      <p className="muted">
        The portal stops answering, its custom domains are released and its clients are signed out. Quotes and
        documents it shared, and their signatures, are kept.
      </p>
      <ActionButton
        label="Delete portal"
        busyLabel="Deleting…"
        ariaLabel={`Delete portal ${view.name}`}
        run={async () => {
          const question = `Delete ${view.name}? Clients can no longer reach it at ${view.developmentHost} or its custom domains, and are signed out. Shared documents and signatures are kept.`;
          if (!window.confirm(question)) return undefined;
          return portal.portals.delete.mutate({ portalId: view.portalId });
        }}
        onDone={onDeleted}
      />
    </section>
  );
}
