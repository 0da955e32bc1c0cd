import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { notificationView } from './notification.schema';
import { listNotifications } from './owner-notice.service';

/** The in-app side of "a connection entered Error". */
export const notificationRouter = router({
  list: staffProcedure
    .meta({ permission: 'tools.connections.read' })
    .output(z.array(notificationView))
    .query(inTenant(listNotifications)),
});
