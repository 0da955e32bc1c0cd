import { type Database, forOrg, type OrgScope } from '@suite/db';

/** Runs `fn` for every org in turn, each through its own tenant scope; returns how many orgs it saw. */
export async function forEachOrg(db: Database, fn: (org: OrgScope) => Promise<void>): Promise<number> {
  const orgs = await db.system.organization.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } });
  for (const { id } of orgs) await fn(forOrg(db.app, id));
  return orgs.length;
}
