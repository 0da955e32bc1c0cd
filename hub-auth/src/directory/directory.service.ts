import type { Prisma } from '@suite/db';
import type { HubUserInfo } from '../oidc/hub-claims.schema';
import type { Role } from '../permissions/permission-matrix';

/** The system-role client or one of its transactions: the directory spans orgs by nature. */
export type DirectoryClient = Prisma.TransactionClient;

export interface DirectoryUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

export interface MembershipChange {
  readonly orgId: string;
  readonly userId: string;
  readonly role: Role;
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
  /** The org's products at Hub, when the change says. */
  readonly products?: readonly string[];
}

/** A user as modules show it, e.g. a deal owner; `deactivated` users keep their name. */
export interface DirectoryEntry extends DirectoryUser {
  readonly deactivated: boolean;
}

interface HubOrgInfo {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly products: readonly string[];
}

/** Hub's orgs become suite tenants with the same id, so tenant rows can reference them at once. */
export async function upsertOrgs(db: DirectoryClient, orgs: readonly HubOrgInfo[]): Promise<void> {
  for (const org of orgs) {
    await db.organization.upsert({
      where: { id: org.id },
      create: { id: org.id, slug: org.slug, name: org.name },
      update: { slug: org.slug, name: org.name },
    });
    await db.hubOrg.upsert({
      where: { orgId: org.id },
      create: { orgId: org.id, products: [...org.products] },
      update: { products: [...org.products] },
    });
  }
}

export async function upsertUser(db: DirectoryClient, user: DirectoryUser): Promise<void> {
  await db.hubUser.upsert({
    where: { id: user.id },
    create: { id: user.id, email: user.email, name: user.name },
    update: { email: user.email, name: user.name },
  });
}

/** Applies one membership change; false when the user or the org is not in the local directory yet. */
export async function changeMembership(db: DirectoryClient, change: MembershipChange): Promise<boolean> {
  const { orgId, userId, role, products } = change;
  // One after the other: `db` may be a transaction, which runs one query at a time.
  const user = await db.hubUser.findUnique({ where: { id: userId }, select: { id: true } });
  const org = await db.organization.findUnique({ where: { id: orgId }, select: { id: true } });
  if (!user || !org) return false;
  const grants = { role, allow: [...(change.allow ?? [])], deny: [...(change.deny ?? [])] };
  await db.hubMembership.upsert({
    where: { orgId_userId: { orgId, userId } },
    create: { orgId, userId, ...grants },
    update: grants,
  });
  if (products)
    await db.hubOrg.upsert({
      where: { orgId },
      create: { orgId, products: [...products] },
      update: { products: [...products] },
    });
  return true;
}

/** Ends a user's membership of one org; a repeat (redelivery) removes nothing more. */
export async function removeMembership(db: DirectoryClient, orgId: string, userId: string): Promise<void> {
  await db.hubMembership.deleteMany({ where: { orgId, userId } });
}

/**
 * What Hub said at sign-in or refresh replaces what we knew: profile, orgs and every membership.
 * Only an interactive sign-in `reactivates`: Hub just authenticated the user, so a local deactivation
 * is stale; a refresh racing a deactivation event must not undo it.
 */
export async function syncFromHub(
  db: DirectoryClient,
  info: HubUserInfo,
  { reactivate }: { reactivate: boolean },
): Promise<void> {
  await upsertOrgs(db, info.orgs);
  await upsertUser(db, { id: info.sub, email: info.email, name: info.name });
  if (reactivate) await db.hubUser.update({ where: { id: info.sub }, data: { deactivatedAt: null } });
  await db.hubMembership.deleteMany({
    where: { userId: info.sub, orgId: { notIn: info.orgs.map((org) => org.id) } },
  });
  for (const org of info.orgs) {
    await changeMembership(db, { orgId: org.id, userId: info.sub, role: org.role, ...org.grants });
  }
}

/** Marks the user deactivated and ends every session of theirs; returns how many sessions ended. */
export async function deactivateUser(db: DirectoryClient, userId: string, at = new Date()): Promise<number> {
  await db.hubUser.updateMany({ where: { id: userId, deactivatedAt: null }, data: { deactivatedAt: at } });
  const { count } = await db.hubSession.deleteMany({ where: { userId } });
  return count;
}

/** Users by id, as modules display them (deal owners, assignees); unknown ids are left out. */
export async function findUsers(db: DirectoryClient, ids: readonly string[]): Promise<DirectoryEntry[]> {
  const users = await db.hubUser.findMany({ where: { id: { in: [...ids] } }, orderBy: { name: 'asc' } });
  return users.map(({ id, email, name, deactivatedAt }) => ({
    id,
    email,
    name,
    deactivated: deactivatedAt !== null,
  }));
}

/** The current org's active owners (tenant-scoped client): who hears about a broken vendor connection. */
export async function findOrgOwners(db: DirectoryClient): Promise<DirectoryEntry[]> {
  const owners = await db.hubMembership.findMany({ where: { role: 'Owner' }, select: { userId: true } });
  const users = await findUsers(
    db,
    owners.map((owner) => owner.userId),
  );
  return users.filter((user) => !user.deactivated);
}
