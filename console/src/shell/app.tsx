import { WaffleMenu } from '@suite/waffle-menu';
import { auth, type Session } from '../api/auth.client';
import { ErrorNote, Loading, ZONE } from '../ui/feedback';
import { useLoad } from '../ui/use-load';
import { NoAccessPage, NotFoundPage, NotInSuitePage } from './fallback.pages';
import { OrgSwitcher } from './org-switcher';
import { Link, usePath } from './router';
import { NAV, ROUTES } from './routes';
import { SessionContext } from './session.context';

const SUITE_PRODUCTS = ['crm', 'psa', 'books', 'voice', 'portal', 'settings'];

function Page({ path, session }: { path: string; session: Session }) {
  const product = path.split('/')[1] ?? '';
  if (!SUITE_PRODUCTS.includes(product)) return <NotInSuitePage product={product} />;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (!session.permissions.includes(route.permission))
      return <NoAccessPage permission={route.permission} session={session} />;
    return <>{route.render(match.slice(1))}</>;
  }
  return <NotFoundPage path={path} />;
}

function Shell({ session }: { session: Session }) {
  const path = usePath();
  const waffle = useLoad(() => auth.waffle(), session.org?.id ?? '');
  const product = path.split('/')[1];
  const nav = NAV.filter((item) => session.permissions.includes(item.permission));
  return (
    <SessionContext.Provider value={session}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <strong className="brand">One Stack</strong>
        {waffle.data && <WaffleMenu menu={waffle.data} current={product} />}
        <ErrorNote error={waffle.error} />
        <div className="who">
          <OrgSwitcher session={session} />
          <span className="muted">
            {session.user.name} · {session.org?.role ?? 'no org'}
          </span>
          <form method="post" action="/auth/logout">
            <button type="submit">Sign out</button>
          </form>
        </div>
      </header>
      <div className="layout">
        <nav className="side" aria-label="Console">
          <ul>
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} current={path.startsWith(item.href)}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
          <p className="muted">Times in {ZONE}</p>
        </nav>
        <main id="main">
          {/* Keyed by org: a switch remounts every page, so nothing of the previous org stays on screen. */}
          <Page key={session.org?.id} path={path} session={session} />
        </main>
      </div>
    </SessionContext.Provider>
  );
}

export function App() {
  const session = useLoad(() => auth.session(), 'session');
  return <Loading loaded={session}>{(data) => <Shell session={data} />}</Loading>;
}
