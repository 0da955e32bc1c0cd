import { type Database, forOrg, type OrgScope, type OrgTransaction } from '@suite/db';

/** Runs `fn` for every org in turn, each through its own tenant scope; returns how many orgs it saw. */
export async function forEachOrg(db: Database, fn: (org: OrgScope) => Promise<void>): Promise<number> {
  const orgs = await db.system.organization.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } });
  for (const { id } of orgs) await fn(forOrg(db.app, id));
  return orgs.length;
}

/** Runs `work` in one transaction per org; returns what the orgs' runs counted together, and how many orgs. */
export async function countInEachOrg(
  db: Database,
  work: (tx: OrgTransaction) => Promise<number>,
): Promise<{ counted: number; orgs: number }> {
  let counted = 0;
  const orgs = await forEachOrg(db, async (org) => {
    counted += await org.transaction(work);
  });
  return { counted, orgs };
}
