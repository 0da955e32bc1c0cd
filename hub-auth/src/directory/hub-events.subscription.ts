import { defineSubscription, type Subscription } from '@suite/bus';
import { hubMembershipChanged, hubUserDeactivated, hubUserUpdated } from '@suite/contracts';
import type { Database } from '@suite/db';
import { changeMembership, deactivateUser, upsertUser } from './directory.service';

type HubUserEvents = typeof hubUserUpdated | typeof hubMembershipChanged | typeof hubUserDeactivated;

/** Keeps the local directory current from Hub's user events between sign-ins. */
export function hubDirectorySubscription(db: Database): Subscription<HubUserEvents> {
  return defineSubscription({
    group: 'hub-auth.directory',
    types: [hubUserUpdated, hubMembershipChanged, hubUserDeactivated],
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
