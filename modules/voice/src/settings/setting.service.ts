import type { OrgTransaction } from '@suite/db';
import type { VoiceSettingsUpdateInput, VoiceSettingsView } from './setting.schema';

const DEFAULTS: VoiceSettingsView = { recordingEnabled: false, retentionDays: 90, defaultCountry: 'US' };

/** The org's Voice settings; recording is off until an admin turns it on. */
export async function getVoiceSettings(tx: OrgTransaction): Promise<VoiceSettingsView> {
  const row = await tx.voiceSettings.findFirst();
  if (!row) return DEFAULTS;
  const { recordingEnabled, retentionDays, defaultCountry } = row;
  return { recordingEnabled, retentionDays, defaultCountry };
}

export async function updateVoiceSettings(
  tx: OrgTransaction,
  input: VoiceSettingsUpdateInput,
): Promise<VoiceSettingsView> {
  const existing = await tx.voiceSettings.findFirst({ select: { orgId: true } });
  if (existing) await tx.voiceSettings.update({ where: { orgId: existing.orgId }, data: input });
  else await tx.voiceSettings.create({ data: input });
  return getVoiceSettings(tx);
}
