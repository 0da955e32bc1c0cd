import { currency, phoneCountry } from '@suite/contracts';
import { z } from 'zod';

export const settingsUpdateInput = z
  .object({
    createProjectOnWin: z
      .boolean()
      .optional()
      .describe('Default of the per-deal choice to open a PSA project when the deal is won.'),
    defaultCurrency: currency.optional(),
    defaultCountry: phoneCountry.optional(),
    winDealOnQuoteAccept: z
      .boolean()
      .optional()
      .describe("Win a quote's deal when the client accepts the quote in the portal."),
  })
  .refine((input) => Object.keys(input).length > 0, 'give at least one setting to change');

export const settingsView = z.object({
  createProjectOnWin: z.boolean(),
  defaultCurrency: currency,
  defaultCountry: phoneCountry,
  winDealOnQuoteAccept: z.boolean(),
});

export type SettingsUpdateInput = z.infer<typeof settingsUpdateInput>;
export type CrmSettingsView = z.infer<typeof settingsView>;
