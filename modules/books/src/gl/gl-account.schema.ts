import { entityId, name, text } from '@suite/contracts';
import { z } from 'zod';

const itemCode = text(64, { min: 1 }).describe('A CRM deal line item code / PSA service code.');

export const glAccountCreateInput = z.object({
  code: text(32, { min: 1 }).describe('The account code in the ledger, e.g. 4000.'),
  name,
});
export type GlAccountCreateInput = z.infer<typeof glAccountCreateInput>;

export const glAccountView = z.object({ glAccountId: entityId, code: z.string(), name: z.string() });
export type GlAccountView = z.infer<typeof glAccountView>;
export const glAccountList = z.array(glAccountView);

export const itemMappingInput = z.object({ itemCode, glAccountId: entityId });
export type ItemMappingInput = z.infer<typeof itemMappingInput>;

export const defaultGlAccountInput = z.object({ glAccountId: entityId.nullable() });
export type DefaultGlAccountInput = z.infer<typeof defaultGlAccountInput>;

export const itemMappingView = z.object({
  itemCode: z.string(),
  glAccount: glAccountView,
  /** Contract lines that were flagged for lack of a GL account and now have one. */
  linesResolved: z.number().int(),
});
export type ItemMappingView = z.infer<typeof itemMappingView>;

export const mappingsView = z.object({
  defaultGlAccount: glAccountView.nullable(),
  mappings: z.array(z.object({ itemCode: z.string(), glAccount: glAccountView })),
});
export type MappingsView = z.infer<typeof mappingsView>;

export const glJournalCsvView = z.object({ filename: z.string(), csv: z.string() });
