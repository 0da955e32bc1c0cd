import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { listNotifications } from './owner-notice.service';

/** The in-app side of "a connection entered Error". */
export const notificationsRouter = router({
  list: staffProcedure
    .meta({ permission: 'tools.connections.read' })
    .output(
      z.array(
        z.object({
          id: z.string(),
          connectionId: z.string(),
          title: z.string(),
          body: z.string(),
          emailed: z.number(),
          createdAt: z.string(),
        }),
      ),
    )
    .query(inTenant(listNotifications)),
});
