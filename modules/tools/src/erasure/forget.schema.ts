import { phoneCountry, text } from '@suite/contracts';
import { z } from 'zod';

/** Who to forget: an email, a phone number, or both; national numbers are read in `country`. */
export const forgetInput = z.object({
  email: text(320, { min: 1 }).optional().describe("The person's email address."),
  phone: text(50, { min: 1 }).optional().describe("The person's phone number, best with its country code."),
  country: phoneCountry.optional().describe('The country a national number is read in (default US).'),
});
export type ForgetInput = z.infer<typeof forgetInput>;

export const erasureOutcome = z.enum(['done', 'nothing_found', 'divergence']);
export type ErasureOutcome = z.infer<typeof erasureOutcome>;

/** One step of a forget run as the operator reads it; a divergence says what is left to do by hand. */
export const erasureStep = z.object({
  step: z.string(),
  outcome: erasureOutcome,
  detail: z.string(),
});
export type ErasureStep = z.infer<typeof erasureStep>;

export const forgetReport = z.object({
  subjectHash: z.string().describe('What the audit trail and platform.person.erased name the person by.'),
  steps: z.array(erasureStep),
  divergences: z.number().int(),
  eventPublished: z
    .boolean()
    .describe('False when an earlier run already told consumers and nothing was left.'),
});
export type ForgetReport = z.infer<typeof forgetReport>;
