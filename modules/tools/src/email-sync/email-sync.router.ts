import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { folderStatus, resyncInput, resyncView } from './email-sync.schema';
import { folderStatuses, requestResync } from './mail-cursor.service';

/** Settings → Email sync: each synced mailbox folder with its last sync and error, and resync. */
export const emailSyncRouter = router({
  status: staffProcedure
    .meta({ permission: 'tools.connections.read' })
    .output(z.array(folderStatus))
    .query(inTenant((tx) => folderStatuses(tx))),
  resync: staffProcedure
    .meta({ permission: 'tools.connections.manage' })
    .input(resyncInput)
    .output(resyncView)
    .mutation(inTenant(async (tx, input) => ({ folders: await requestResync(tx, input) }))),
});
