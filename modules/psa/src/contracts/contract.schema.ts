import { count, currency, entityId, money, name, text, timestamp } from '@suite/contracts';
import { z } from 'zod';

export const contractView = z.object({
  id: entityId,
  clientId: entityId,
  crmDealId: entityId.nullable(),
  name: z.string(),
  status: z.enum(['draft', 'sent', 'signed']),
  revision: z.number().int(),
  monthlyValue: money,
  currency,
  startDate: z.iso.date().nullable(),
  termMonths: z.number().int().nullable(),
  terms: z.string(),
  signedAt: timestamp.nullable(),
});

export type ContractView = z.infer<typeof contractView>;

export const amendableFields = z
  .object({
    name,
    monthlyValue: money,
    startDate: z.iso.date().nullable(),
    termMonths: count(600).nullable(),
    terms: text(20_000),
  })
  .partial();

export const byContractId = z.object({ contractId: entityId });
export const contractListInput = z.object({ clientId: entityId });
export const contractAmendInput = byContractId.extend({ changes: amendableFields });

export type Amendment = z.infer<typeof amendableFields>;
export type ByContractId = z.infer<typeof byContractId>;
export type ContractListInput = z.infer<typeof contractListInput>;
export type ContractAmendInput = z.infer<typeof contractAmendInput>;
