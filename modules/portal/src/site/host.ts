import { DEV_PORTAL_SUFFIX } from '../portals/portal.view';

/** A Host header's name: lower case, without the port or a trailing dot; null when it is no host name. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const name = header
    .trim()
    .toLowerCase()
    .replace(/:\d{1,5}$/, '')
    .replace(/\.$/, '');
  return /^[a-z0-9.-]{1,253}$/.test(name) && !name.startsWith('.') ? name : null;
}

/** The slug of a development host (`acme.portal.localhost` → `acme`), or null for any other host. */
export function developmentSlug(host: string): string | null {
  if (!host.endsWith(DEV_PORTAL_SUFFIX)) return null;
  const slug = host.slice(0, -DEV_PORTAL_SUFFIX.length);
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(slug) ? slug : null;
}
