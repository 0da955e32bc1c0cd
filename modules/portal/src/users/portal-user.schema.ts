import { entityId } from '@suite/contracts';
import { z } from 'zod';

export const invitationInput = z.object({
  portalId: entityId,
  email: z.email("email: expected the contact's email address").max(320),
});
export const byPortalUserId = z.object({ portalUserId: entityId });

/** invited: may sign in, has not since the last invitation; active: has; revoked: may not. */
export const portalUserState = z.enum(['invited', 'active', 'revoked']);

export const portalUserView = z.object({
  portalUserId: entityId,
  portalId: entityId,
  contactId: entityId,
  companyId: entityId,
  email: z.string(),
  name: z.string(),
  state: portalUserState,
  invitedAt: z.string(),
  lastSignedInAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export type InvitationInput = z.infer<typeof invitationInput>;
export type ByPortalUserId = z.infer<typeof byPortalUserId>;
export type PortalUserState = z.infer<typeof portalUserState>;
export type PortalUserView = z.infer<typeof portalUserView>;

/** The CRM contact an invitation is for, as CRM's integration API found it. */
export interface InvitedContact {
  readonly email: string;
  readonly name: string;
  readonly contactId: string;
  readonly companyId: string;
  readonly companyName: string;
}
