import { forOrg, type OrgScope } from '@suite/db';
import { TRPCError } from '@trpc/server';
import type { DirectoryUser } from '../directory/directory.service';
import { productOf } from '../permissions/effective-permissions';
import { type Permission, PRODUCT_NAMES, type Role } from '../permissions/permission-matrix';
import {
  type SessionResolution,
  type SignedInStaff,
  type StaffOrg,
  signedOutMessage,
} from '../session/signed-in-staff';
import { publicProcedure, t } from './trpc';

/** What a staff procedure gets on top of the request context. */
export interface StaffContext {
  readonly user: DirectoryUser;
  readonly orgId: string;
  readonly org: StaffOrg;
  readonly role: Role;
  can(permission: Permission): boolean;
  /** The only door to tenant data: every query in it sees the active org's rows only. */
  readonly tenant: OrgScope;
}

function missing(permission: Permission, org: StaffOrg): string {
  const product = productOf(permission);
  const why =
    product && !org.products.includes(product)
      ? `${org.name} does not have ${PRODUCT_NAMES[product]} at Hub`
      : `role ${org.role} in ${org.name} does not grant it and no Hub grant adds it`;
  return `missing permission ${permission}: ${why}`;
}

/** Why a request may not act as staff, as HTTP says it: 401 signed out, 403 no org or no permission. */
export interface StaffRefusal {
  readonly status: 401 | 403;
  readonly message: string;
}

/**
 * The staff check of every staff API, tRPC or plain HTTP: signed in, a member of an org, and holding
 * `permission` (when given) in the active org.
 */
export function staffAccess(
  session: SessionResolution,
  permission: Permission | undefined,
): { readonly staff: SignedInStaff; readonly org: StaffOrg } | StaffRefusal {
  if (session.status === 'signed-out') return { status: 401, message: signedOutMessage(session.reason) };
  const { staff } = session;
  const { org } = staff;
  if (!org)
    return {
      status: 403,
      message: `${staff.user.email} is not a member of any org at Hub; ask an org admin to invite them`,
    };
  if (permission && !staff.permissions.has(permission))
    return { status: 403, message: missing(permission, org) };
  return { staff, org };
}

const staffSession = t.middleware(({ ctx, meta, next }) => {
  const access = staffAccess(ctx.session, meta?.permission);
  if ('status' in access)
    throw new TRPCError({
      code: access.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN',
      message: access.message,
    });
  const { staff, org } = access;
  const staffContext: StaffContext = {
    user: staff.user,
    orgId: org.id,
    org,
    role: org.role,
    can: (permission) => staff.permissions.has(permission),
    tenant: ctx.tenant?.orgId === org.id ? ctx.tenant : forOrg(ctx.db.app, org.id),
  };
  return next({ ctx: staffContext });
});

/**
 * A procedure for signed-in staff, scoped to their active org: no session → 401, a `meta.permission`
 * the user lacks → 403 naming it.
 */
export const staffProcedure = publicProcedure.use(staffSession);
