import { entityId } from '@suite/contracts';
import { z } from 'zod';

export const invitationInput = z.object({
  portalId: entityId,
  email: z.email("email: expected the contact's email address").max(320),
});
export const portalUserView = z.object({
  portalUserId: entityId,
  portalId: entityId,
  contactId: entityId,
  companyId: entityId,
  email: z.string(),
  name: z.string(),
  invitedAt: z.string(),
});

export type InvitationInput = z.infer<typeof invitationInput>;
export type PortalUserView = z.infer<typeof portalUserView>;
