import { defineSubscription, type Subscription } from '@suite/bus';
import {
  hubMembershipChanged,
  hubMembershipRemoved,
  hubUserDeactivated,
  hubUserUpdated,
} from '@suite/contracts';
import type { Database } from '@suite/db';
import { changeMembership, deactivateUser, removeMembership, upsertUser } from './directory.service';

type HubUserEvents =
  | typeof hubUserUpdated
  | typeof hubMembershipChanged
  | typeof hubMembershipRemoved
  | typeof hubUserDeactivated;

/** Keeps the local directory current from Hub's user events between sign-ins. */
export function hubDirectorySubscription(db: Database): Subscription<HubUserEvents> {
  return defineSubscription({
    group: 'hub-auth.directory',
    types: [hubUserUpdated, hubMembershipChanged, hubMembershipRemoved, hubUserDeactivated],
    async handler(event, { tx, log }) {
      switch (event.type) {
        case 'hub.user.updated': {
          const { userId, email, name } = event.data;
          await upsertUser(tx, { id: userId, email, name });
          return;
        }
        case 'hub.membership.changed': {
          if (!(await changeMembership(tx, event.data)))
            log.info(
              { userId: event.data.userId },
              'membership change for a user or org not in the directory yet',
            );
          return;
        }
        case 'hub.membership.removed': {
          // The next request of a signed-in session no longer finds the org: its data and permissions
          // are gone, and a session whose active org it was falls back to the user's other orgs.
          await removeMembership(tx, event.data.orgId, event.data.userId);
          return;
        }
        case 'hub.user.deactivated': {
          // Sessions are out of the application role's reach by design, so this runs on the system role;
          // ending them twice on a redelivery changes nothing.
          const ended = await deactivateUser(
            db.system,
            event.data.userId,
            new Date(event.data.deactivatedAt),
          );
          log.info({ userId: event.data.userId, ended }, 'Hub user deactivated; sessions ended');
          return;
        }
      }
    },
  });
}
