import type { Session } from '../api/auth.client';
import { Link } from './router';

export function NoAccessPage({ permission, session }: { permission: string; session: Session }) {
  return (
    <section>
      <h1>You don't have access to this page</h1>
      <p>
        It needs the permission <code>{permission}</code>, which your role {session.org?.role ?? ''} in{' '}
        {session.org?.name ?? 'this org'} does not include. Ask an Owner or Admin of the org to grant it at
        Hub.
      </p>
      <p>
        <Link href="/crm/companies">Back to the console</Link>
      </p>
    </section>
  );
}

export function NotFoundPage({ path }: { path: string }) {
  return (
    <section>
      <h1>No such page</h1>
      <p>
        The console has no page at <code>{path}</code>. <Link href="/crm/companies">Go to companies</Link>.
      </p>
    </section>
  );
}

export function NotInSuitePage({ product }: { product: string }) {
  return (
    <section>
      <h1>{product.toUpperCase()} is not in this suite yet</h1>
      <p>
        Its pages join the console when the module lands. CRM, PSA, Books, Voice, Portal and Settings are here
        now.
      </p>
    </section>
  );
}
