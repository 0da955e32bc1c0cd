import { CookieJar } from 'tough-cookie';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function formOf(html: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(html);
  if (!match?.[1]) throw new Error(`${what} not found in the page:\n${html.slice(0, 2000)}`);
  return match[1].replaceAll('&amp;', '&');
}

/**
 * A browser without a screen for tests: keeps cookies like a browser does (per host, path, expiry,
 * Secure) and walks the real redirects between the suite and Hub, submitting the dev Hub's forms.
 */
export class StaffBrowser {
  readonly cookies = new CookieJar();

  constructor(readonly suiteUrl: string) {}

  /** The value of a cookie the browser would send to `path` on the suite. */
  async cookie(name: string, path = '/'): Promise<string | undefined> {
    const cookies = await this.cookies.getCookies(new URL(path, this.suiteUrl).href);
    return cookies.find((candidate) => candidate.key === name)?.value;
  }

  /** One request, no redirects followed; cookies sent and stored. */
  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url, this.suiteUrl);
    const headers = new Headers(init.headers);
    const cookie = await this.cookies.getCookieString(target.href);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const setCookie of response.headers.getSetCookie())
      await this.cookies.setCookie(setCookie, target.href);
    return response;
  }

  /** Follows redirects (as GET, like a browser after a form post) until `stop` says so or none is left. */
  async follow(response: Response, stop: (location: URL) => boolean = () => false): Promise<Response | URL> {
    let current = response;
    let base = response.url;
    while (REDIRECTS.has(current.status)) {
      const location = new URL(current.headers.get('location') ?? '', base);
      if (stop(location)) return location;
      base = location.href;
      current = await this.request(location);
    }
    return current;
  }

  /** `GET /auth/login`: returns Hub's authorization URL the suite redirects to. */
  async startSignIn(returnTo?: string): Promise<URL> {
    const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
    const response = await this.request(`/auth/login${query}`);
    if (response.status !== 303)
      throw new Error(`/auth/login answered ${response.status}: ${await response.text()}`);
    return new URL(response.headers.get('location') ?? '');
  }

  /**
   * At Hub: signs in as the seeded user with this email (unless Hub remembers the browser) and returns the
   * callback URL (the suite's, or `redirectUri` of another client, e.g. an AI assistant's).
   */
  async authorizeAtHub(
    authorizationUrl: URL,
    email: string,
    redirectUri = `${this.suiteUrl}/auth/callback`,
  ): Promise<URL> {
    const toSuite = (location: URL) => location.href.startsWith(redirectUri);
    let reached = await this.follow(await this.request(authorizationUrl), toSuite);
    if (!(reached instanceof URL)) {
      const html = await reached.text();
      const action = formOf(html, /<form method="post" action="([^"]+)"/, 'the dev Hub sign-in form');
      const user = formOf(
        html,
        new RegExp(`value="([^"]+)">[^<]*</button> ${escapeRegExp(email)} `),
        `user ${email}`,
      );
      const posted = await this.request(new URL(action, reached.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user }),
      });
      reached = await this.follow(posted, toSuite);
    }
    if (!(reached instanceof URL))
      throw new Error(`Hub did not send the browser back: ${reached.status} ${await reached.text()}`);
    return reached;
  }

  /** The whole sign-in; returns the suite's answer to the callback (303 to `returnTo` on success). */
  async signIn(email: string, returnTo?: string): Promise<Response> {
    const callback = await this.authorizeAtHub(await this.startSignIn(returnTo), email);
    return this.request(callback);
  }

  /** Confirms the dev Hub's sign-out page (RP-initiated logout); returns where Hub sends the browser. */
  async confirmSignOutAtHub(endSessionUrl: URL): Promise<Response | URL> {
    const page = await this.request(endSessionUrl);
    const html = await page.text();
    const action = formOf(html, /<form[^>]*id="op.logoutForm"[^>]*action="([^"]+)"/, 'the Hub sign-out form');
    const xsrf = formOf(html, /name="xsrf" value="([^"]+)"/, 'the sign-out form token');
    const posted = await this.request(new URL(action, endSessionUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
    });
    return this.follow(posted);
  }

  /** POSTs `body` as JSON to the suite, e.g. `postJson('/auth/org', { orgId })`. */
  postJson(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
    return this.json(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  /** A JSON call to the suite with the browser's cookies. */
  async json(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
    const response = await this.request(path, init);
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
}
