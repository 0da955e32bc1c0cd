import { router, staffProcedure } from '@suite/hub-auth';
import { getSettings, settingsUpdateInput, settingsView, updateSettings } from './settings.service';

export const settingsRouter = router({
  get: staffProcedure
    .meta({ permission: 'crm.access' })
    .output(settingsView)
    .query(({ ctx }) => ctx.tenant.transaction(getSettings)),
  update: staffProcedure
    .meta({ permission: 'crm.settings.manage' })
    .input(settingsUpdateInput)
    .output(settingsView)
    .mutation(({ ctx, input }) => ctx.tenant.transaction((tx) => updateSettings(tx, input))),
});
