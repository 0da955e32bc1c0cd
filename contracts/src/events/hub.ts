import { z } from 'zod';
import { defineEvent } from './event-definition';

// Hub is the identity provider; these events keep the suite's copy of users and memberships current.
// Key: the Hub user id, so every change to one user arrives in order on topic `hub.user`.

/** Mirrors hub-auth's HubRole values. */
export const hubRole = z.enum(['Owner', 'Admin', 'Member', 'Viewer']);

const userId = z.string().min(1).describe("Hub's subject identifier (`sub`) of the user.");
const orgId = z.uuid().describe('The org (tenant) the event is about.');

export const hubUserUpdated = defineEvent({
  type: 'hub.user.updated',
  version: 1,
  topic: 'hub.user',
  key: 'userId',
  description: "A user's profile changed at Hub (sent once per org the user belongs to).",
  schema: z.object({
    userId,
    orgId,
    email: z.email(),
    name: z.string().min(1),
  }),
});

export const hubMembershipChanged = defineEvent({
  type: 'hub.membership.changed',
  version: 1,
  topic: 'hub.user',
  key: 'userId',
  description: "A user's role, products or permission grants in one org changed at Hub.",
  schema: z.object({
    userId,
    orgId,
    role: hubRole,
    products: z.array(z.string().min(1)).optional().describe('Products of the org the user may open.'),
    allow: z.array(z.string().min(1)).optional().describe("Permissions granted beyond the role's defaults."),
    deny: z.array(z.string().min(1)).optional().describe("Permissions removed from the role's defaults."),
  }),
});

export const hubMembershipRemoved = defineEvent({
  type: 'hub.membership.removed',
  version: 1,
  topic: 'hub.user',
  key: 'userId',
  description:
    'A user left one org at Hub (or was removed from it): they lose access to that org at once and keep their other orgs.',
  schema: z.object({
    userId,
    orgId,
    removedAt: z.iso.datetime({ offset: true }),
  }),
});

export const hubUserDeactivated = defineEvent({
  type: 'hub.user.deactivated',
  version: 1,
  topic: 'hub.user',
  key: 'userId',
  description:
    'A user was deactivated at Hub, in every org: their sessions end and they can no longer sign in. `orgId` is the org whose Hub admin deactivated them.',
  schema: z.object({
    userId,
    orgId,
    deactivatedAt: z.iso.datetime({ offset: true }),
  }),
});

export const hubEvents = [
  hubUserUpdated,
  hubMembershipChanged,
  hubMembershipRemoved,
  hubUserDeactivated,
] as const;
