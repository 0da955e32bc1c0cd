import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { booksSettingsUpdate, booksSettingsView } from './settings.schema';
import { getSettings, updateSettings } from './settings.service';

export const settingRouter = router({
  get: staffProcedure
    .meta({ permission: 'books.access' })
    .output(booksSettingsView)
    .query(inTenant((tx) => getSettings(tx))),
  update: staffProcedure
    .meta({ permission: 'books.billing.manage' })
    .input(booksSettingsUpdate)
    .output(booksSettingsView)
    .mutation(inTenant(updateSettings)),
});
