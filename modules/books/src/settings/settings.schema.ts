import { entityId } from '@suite/contracts';
import { z } from 'zod';

export const booksSettingsView = z.object({
  autoActivateContracts: z
    .boolean()
    .describe('Contracts set up from won deals activate without approval when no line is flagged.'),
  defaultGlAccountId: entityId.nullable().describe('GL account of items without a mapping of their own.'),
  paymentTermsDays: z.number().int().min(0).max(365),
});
export type BooksSettingsView = z.infer<typeof booksSettingsView>;

export const booksSettingsUpdate = z.object({
  autoActivateContracts: z.boolean().optional(),
  paymentTermsDays: z.number().int().min(0).max(365).optional(),
});
export type BooksSettingsUpdate = z.infer<typeof booksSettingsUpdate>;
