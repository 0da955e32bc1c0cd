import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { settingsUpdateInput, settingsView } from './setting.schema';
import { getSettings, updateSettings } from './setting.service';

export const settingRouter = router({
  get: staffProcedure.meta({ permission: 'crm.access' }).output(settingsView).query(inTenant(getSettings)),
  update: staffProcedure
    .meta({ permission: 'crm.settings.manage' })
    .input(settingsUpdateInput)
    .output(settingsView)
    .mutation(inTenant(updateSettings)),
});
