import { type FormEvent, useId } from 'react';
import { portal } from '../../api/trpc.client';
import { Link, navigate } from '../../shell/router';
import { useSession } from '../../shell/session.context';
import { ErrorNote, Loading } from '../../ui/feedback';
import { usePage } from '../../ui/pager';
import { Table } from '../../ui/table';
import { useAction, useLoad } from '../../ui/use-load';

/** Slug and name are all a portal needs to start; branding, toggles and domains are set on its page. */
function CreatePortal() {
  const id = useId();
  const action = useAction();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const created = await action.run(() =>
      portal.portals.create.mutate({ slug: String(form.get('slug')), name: String(form.get('name')) }),
    );
    if (created) navigate(`/portal/portals/${created.portalId}`);
  };
  return (
    <form className="stack" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New portal</h2>
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} name="name" required placeholder="Northwind Client Portal" />
      <label htmlFor={`${id}-slug`}>Slug</label>
      <input
        id={`${id}-slug`}
        name="slug"
        required
        placeholder="northwind"
        aria-describedby={`${id}-slug-help`}
      />
      <p id={`${id}-slug-help`} className="muted">
        Lower-case letters, digits and hyphens. The portal answers at{' '}
        <code>&lt;slug&gt;.portal.localhost</code> until a custom domain is active.
      </p>
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Creating…' : 'Create portal'}
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}

/** Portal → Portals: the org's branded client portals. */
export function PortalsPage() {
  const { org } = useSession();
  const portals = useLoad(() => portal.portals.list.query(), 'portals');
  const { rows, pager } = usePage(portals.data ?? []);
  return (
    <section>
      <h1>Client portals</h1>
      <p>Where clients see their quotes, sign, open tickets and pay, under your brand.</p>
      <Loading loaded={portals}>
        {(list) =>
          list.length === 0 ? (
            <p>
              No portals yet. The org's default portal is made on the first visit to{' '}
              <code>{org?.slug}.portal.localhost</code>; or create one below.
            </p>
          ) : (
            <>
              <Table label="Portals" headers={['Name', 'Slug', 'Development host', 'Features', 'E-sign']}>
                {rows.map((item) => (
                  <tr key={item.portalId}>
                    <td>
                      <Link href={`/portal/portals/${item.portalId}`}>{item.name}</Link>
                    </td>
                    <td>
                      <code>{item.slug}</code>
                    </td>
                    <td>
                      <code>{item.developmentHost}</code>
                    </td>
                    <td>{item.features.join(', ') || <span className="muted">none</span>}</td>
                    <td>{item.esignRoute === 'portal' ? 'in the portal' : 'e-sign vendor'}</td>
                  </tr>
                ))}
              </Table>
              {pager}
            </>
          )
        }
      </Loading>
      <CreatePortal />
    </section>
  );
}
