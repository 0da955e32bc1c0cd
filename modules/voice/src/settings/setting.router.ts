import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { voiceSettingsUpdateInput, voiceSettingsView } from './setting.schema';
import { getVoiceSettings, updateVoiceSettings } from './setting.service';

export const settingRouter = router({
  get: staffProcedure
    .meta({ permission: 'voice.access' })
    .output(voiceSettingsView)
    .query(inTenant(getVoiceSettings)),
  update: staffProcedure
    .meta({ permission: 'voice.settings.manage' })
    .input(voiceSettingsUpdateInput)
    .output(voiceSettingsView)
    .mutation(inTenant(updateVoiceSettings)),
});
