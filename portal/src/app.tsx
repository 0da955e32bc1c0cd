import { Link, usePath } from '@suite/console/router';
import { config, shows } from './config';
import { ActivityPage } from './pages/activity.page';
import { ConfirmPage } from './pages/confirm.page';
import { DocumentsPage } from './pages/documents.page';
import { HomePage } from './pages/home.page';
import { InvoicesPage } from './pages/invoices.page';
import { QuotePage } from './pages/quote.page';
import { QuotesPage } from './pages/quotes.page';
import { SignPage } from './pages/sign.page';
import { SignInPage } from './pages/sign-in.page';
import { TicketsPage } from './pages/tickets.page';

function Page({ path }: { path: string }) {
  if (path === '/sign-in') return <SignInPage />;
  if (path === '/sign-in/confirm') return <ConfirmPage />;
  if (path === '/') return <HomePage />;
  if (path === '/quotes' && shows('quotes')) return <QuotesPage />;
  const quote = path.match(/^\/quotes\/([0-9a-f-]{36})$/)?.[1];
  if (quote && shows('quotes')) return <QuotePage shareId={quote} />;
  const signature = path.match(/^\/sign\/([0-9a-f-]{36})$/)?.[1];
  if (signature && shows('esign')) return <SignPage requestId={signature} />;
  if (path === '/documents' && shows('esign')) return <DocumentsPage />;
  if (path === '/activity' && shows('activity')) return <ActivityPage />;
  if (path === '/tickets' && shows('tickets')) return <TicketsPage />;
  if (path === '/invoices' && shows('invoices')) return <InvoicesPage />;
  return (
    <section aria-labelledby="missing">
      <h1 id="missing">Not found</h1>
      <p>
        <Link href="/">Back to the start page</Link>
      </p>
    </section>
  );
}

/** The portal's shell: the MSP's name and logo, the sections its toggles show, its support contact. */
export function App() {
  const path = usePath();
  const signingIn = path.startsWith('/sign-in');
  return (
    <>
      <header className="brand-bar">
        {config.logoUrl && <img src={config.logoUrl} alt="" height="32" />}
        <span className="brand-name">{config.name}</span>
        {!signingIn && (
          <nav aria-label="Sections">
            <Link href="/" current={path === '/'}>
              Home
            </Link>
            {shows('quotes') && (
              <Link href="/quotes" current={path.startsWith('/quotes')}>
                Quotes
              </Link>
            )}
            {shows('esign') && (
              <Link href="/documents" current={path === '/documents' || path.startsWith('/sign/')}>
                Documents
              </Link>
            )}
            {shows('activity') && (
              <Link href="/activity" current={path === '/activity'}>
                Activity
              </Link>
            )}
            {shows('tickets') && (
              <Link href="/tickets" current={path === '/tickets'}>
                Tickets
              </Link>
            )}
            {shows('invoices') && (
              <Link href="/invoices" current={path === '/invoices'}>
                Invoices
              </Link>
            )}
          </nav>
        )}
      </header>
      <main id="main">
        <Page path={path} />
      </main>
      <footer>
        {config.support.email && <a href={`mailto:${config.support.email}`}>{config.support.email}</a>}
        {config.support.phone && <span>{config.support.phone}</span>}
      </footer>
    </>
  );
}
