import type { Prisma } from '@suite/db';
import type { DirectoryUser } from '../directory/directory.service';
import { effectivePermissions } from '../permissions/effective-permissions';
import { isProduct, type Permission, type Product, type Role } from '../permissions/permission-matrix';

export interface StaffOrg {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly role: Role;
  /** Products the org has at Hub. */
  readonly products: readonly Product[];
}

/** A signed-in staff member as every request sees them. */
export interface SignedInStaff {
  readonly sessionId: string;
  readonly user: DirectoryUser;
  /** The active org; undefined when the user belongs to no org at all. */
  readonly org: StaffOrg | undefined;
  readonly orgs: readonly StaffOrg[];
  /** What the user may do in the active org. */
  readonly permissions: ReadonlySet<Permission>;
}

export type SessionResolution =
  | { readonly status: 'signed-in'; readonly staff: SignedInStaff }
  | { readonly status: 'signed-out'; readonly reason: string };

/** What a signed-out caller is told, over plain HTTP and tRPC alike. */
export function signedOutMessage(reason: string): string {
  return `${reason}; sign in at /auth/login`;
}

/** A session with its user's memberships, orgs and their products: everything a request needs. */
export const WITH_MEMBERSHIPS = {
  user: {
    include: {
      memberships: {
        include: { organization: { include: { hubOrg: true } } },
        orderBy: { organization: { slug: 'asc' } },
      },
    },
  },
} as const satisfies Prisma.HubSessionInclude;

export type LoadedSession = Prisma.HubSessionGetPayload<{ include: typeof WITH_MEMBERSHIPS }>;

export function signedInStaff(session: LoadedSession): SignedInStaff {
  return staffOf(session.id, session.activeOrgId, session.user);
}

/** A directory user with memberships as a request sees them, `activeOrgId` (or their first org) active. */
export function staffOf(
  sessionId: string,
  activeOrgId: string | null,
  user: LoadedSession['user'],
): SignedInStaff {
  const orgs = user.memberships.map(({ organization, role }) => ({
    id: organization.id,
    slug: organization.slug,
    name: organization.name,
    role,
    products: (organization.hubOrg?.products ?? []).filter(isProduct),
  }));
  const org = orgs.find((candidate) => candidate.id === activeOrgId) ?? orgs[0];
  const membership = user.memberships.find((candidate) => candidate.orgId === org?.id);
  return {
    sessionId,
    user: { id: user.id, email: user.email, name: user.name },
    org,
    orgs,
    permissions:
      org && membership ? effectivePermissions(org.role, membership, org.products) : new Set<Permission>(),
  };
}
