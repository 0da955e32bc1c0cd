import { Loading } from '@suite/console/feedback';
import { api } from '../api/client';
import { shows } from '../config';
import { useClientLoad } from '../use-client';

/** The client's start page: who is signed in, then each section the portal shows. */
export function HomePage() {
  const me = useClientLoad(() => api.session.me.query(), 'me');
  return (
    <Loading loaded={me}>
      {(client) => (
        <section aria-labelledby="welcome">
          <h1 id="welcome">Welcome, {client.name}</h1>
          <p className="muted">Signed in as {client.email}</p>
          {shows('quotes') && <p>Quotes shared with you are under Quotes.</p>}
          {shows('activity') && <p>What happened on your account is under Activity.</p>}
          {shows('tickets') && <p>Ask for help and follow your requests under Tickets.</p>}
          {shows('invoices') && <p>What we billed you, and what is still open, is under Invoices.</p>}
        </section>
      )}
    </Loading>
  );
}
