import { SESSION_HOURS } from './sign-in.schema';

/** Over https the cookie is `__Host-`: host-only, Secure, path /; each portal domain has its own. */
export const SECURE_COOKIE = '__Host-portal_session';
export const PLAIN_COOKIE = 'portal_session';

export function sessionTokenOf(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SECURE_COOKIE || name === PLAIN_COOKIE) return rest.join('=') || null;
  }
  return null;
}

export function sessionCookie(token: string, secure: boolean): string {
  const name = secure ? SECURE_COOKIE : PLAIN_COOKIE;
  const flags = `Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_HOURS * 3600}`;
  return `${name}=${token}; ${flags}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  const name = secure ? SECURE_COOKIE : PLAIN_COOKIE;
  return `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}
