import { count, phoneCountry } from '@suite/contracts';
import { z } from 'zod';

export const voiceSettingsUpdateInput = z
  .object({
    recordingEnabled: z.boolean().optional().describe('Keep recordings and link them in CRM.'),
    retentionDays: count(3650).optional().describe('Recordings older than this are deleted.'),
    defaultCountry: phoneCountry.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, 'give at least one setting to change');

export const voiceSettingsView = z.object({
  recordingEnabled: z.boolean(),
  retentionDays: z.number().int(),
  defaultCountry: z.string(),
});

export type VoiceSettingsUpdateInput = z.infer<typeof voiceSettingsUpdateInput>;
export type VoiceSettingsView = z.infer<typeof voiceSettingsView>;
