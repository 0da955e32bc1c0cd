import { currency, entityId, money, text, timestamp } from '@suite/contracts';
import { z } from 'zod';

export const cadence = z.enum(['one_off', 'monthly', 'quarterly', 'annual']);

export const byContractId = z.object({ contractId: entityId });

export const contractListInput = z
  .object({ status: z.enum(['draft', 'active', 'ended']).optional(), crmCompanyId: entityId.optional() })
  .default({});

/** Amounts arrive as decimal strings of any size: the service refuses, naming the field, what does not fit. */
const amount = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal amount like "1234.50"');

export const contractLineInput = z.object({
  itemCode: text(64, { min: 1 }),
  description: text(500, { min: 1 }),
  quantity: z.union([z.number(), z.string()]).describe('Above 0, at most 4 decimals.'),
  unitPrice: amount.describe("In the contract's currency."),
  cadence,
});
export type ContractLineInput = z.infer<typeof contractLineInput>;

export const contractReviseInput = z.object({
  contractId: entityId,
  effectiveFrom: z.iso
    .date()
    .describe('First day the new lines bill; the replaced lines end the day before.'),
  lines: z.array(contractLineInput).min(1).max(200).describe('Every line of the new version.'),
});
export type ContractReviseInput = z.infer<typeof contractReviseInput>;

export const contractLineView = z.object({
  lineId: entityId,
  version: z.number().int(),
  itemCode: z.string(),
  description: z.string(),
  quantity: z.string(),
  unitPrice: money,
  cadence,
  startsOn: z.iso.date(),
  endsOn: z.iso.date().nullable(),
  glAccountId: entityId.nullable(),
  flagged: z.string().nullable().describe('Why the line cannot be billed yet (no GL account), or null.'),
});

export const contractView = z.object({
  contractId: entityId,
  billingAccountId: entityId,
  crmCompanyId: entityId,
  crmDealId: entityId,
  name: z.string(),
  status: z.enum(['draft', 'active', 'ended']),
  currency,
  value: money,
  mrr: money,
  version: z.number().int(),
  activatedAt: timestamp.nullable(),
  activatedBy: z.string().nullable(),
  lines: z.array(contractLineView),
  flaggedLines: z.number().int(),
});
export type ContractView = z.infer<typeof contractView>;
