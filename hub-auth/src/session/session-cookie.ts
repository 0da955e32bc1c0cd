import { createHash, randomBytes } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';

export interface CookiePolicy {
  /** False only for http on loopback in development (see `isLoopbackHttp`). */
  readonly secure: boolean;
  readonly sessionTtlSeconds: number;
}

/** How long a browser has to come back from Hub's sign-in page. */
export const SIGN_IN_TTL_SECONDS = 600;

/** 32 random bytes for the browser; only their SHA-256 is stored, so a database leak yields no cookie. */
export function newCookieToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: cookieTokenId(token) };
}

export function cookieTokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The session cookie and the short-lived sign-in cookie. httpOnly keeps them from scripts; SameSite=Lax
 * lets a staff member arriving from Hub's waffle menu (a cross-site top-level link) stay signed in,
 * while cross-site POSTs (mutations) carry no cookie. Secure cookies take the `__Host-`/`__Secure-`
 * prefixes so a sibling subdomain cannot plant them.
 */
export class SessionCookies {
  readonly sessionName: string;
  readonly signInName: string;

  constructor(private readonly policy: CookiePolicy) {
    this.sessionName = policy.secure ? '__Host-suite_session' : 'suite_session';
    this.signInName = policy.secure ? '__Secure-suite_sign_in' : 'suite_sign_in';
  }

  read(cookieHeader: string | undefined, name: string): string | undefined {
    return cookieHeader ? parseCookie(cookieHeader)[name] : undefined;
  }

  session(token: string): string {
    return this.#cookie(this.sessionName, token, '/', this.policy.sessionTtlSeconds);
  }

  clearSession(): string {
    return this.#cookie(this.sessionName, '', '/', 0);
  }

  signIn(token: string): string {
    return this.#cookie(this.signInName, token, '/auth/callback', SIGN_IN_TTL_SECONDS);
  }

  clearSignIn(): string {
    return this.#cookie(this.signInName, '', '/auth/callback', 0);
  }

  #cookie(name: string, value: string, path: string, maxAge: number): string {
    return stringifySetCookie(name, value, {
      httpOnly: true,
      secure: this.policy.secure,
      sameSite: 'lax',
      path,
      maxAge,
    });
  }
}
