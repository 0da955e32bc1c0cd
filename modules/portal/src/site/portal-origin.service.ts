import type { OrgTransaction } from '@suite/db';
import { DEV_PORTAL_SUFFIX, type PortalRecord } from '../portals/portal.view';

/**
 * Where clients reach a portal, for links in emails: its first active custom domain over https, or
 * else its development host on the port staff reached the suite at.
 */
export async function portalOrigin(
  tx: OrgTransaction,
  portal: PortalRecord,
  staffHost: string | string[] | undefined,
): Promise<string> {
  const domain = await tx.portalDomain.findFirst({
    where: { portalId: portal.id, status: 'active' },
    orderBy: { verifiedAt: 'asc' },
  });
  if (domain) return `https://${domain.host}`;
  const port = typeof staffHost === 'string' ? staffHost.match(/:(\d{1,5})$/)?.[1] : undefined;
  return `http://${portal.slug}${DEV_PORTAL_SUFFIX}${port ? `:${port}` : ''}`;
}
