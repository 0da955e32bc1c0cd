import { currency, entityId, money as moneySchema, timestamp } from '@suite/contracts';
import type { Prisma } from '@suite/db';
import { z } from 'zod';
import { money } from '../money';

export const contractView = z.object({
  id: entityId,
  clientId: entityId,
  crmDealId: entityId.nullable(),
  name: z.string(),
  status: z.enum(['draft', 'sent', 'signed']),
  revision: z.number().int(),
  monthlyValue: moneySchema,
  currency,
  startDate: z.iso.date().nullable(),
  termMonths: z.number().int().nullable(),
  terms: z.string(),
  signedAt: timestamp.nullable(),
});

export type ContractView = z.infer<typeof contractView>;

export const amendableFields = z
  .object({
    name: z.string().trim().min(1).max(200),
    monthlyValue: moneySchema,
    startDate: z.iso.date().nullable(),
    termMonths: z.number().int().positive().nullable(),
    terms: z.string().max(20_000),
  })
  .partial();

export function toContractView(row: Prisma.PsaContractGetPayload<object>): ContractView {
  return {
    id: row.id,
    clientId: row.clientId,
    crmDealId: row.crmDealId,
    name: row.name,
    status: row.status,
    revision: row.revision,
    monthlyValue: money(row.monthlyValue),
    currency: row.currency,
    startDate: row.startDate?.toISOString().slice(0, 10) ?? null,
    termMonths: row.termMonths,
    terms: row.terms,
    signedAt: row.signedAt?.toISOString() ?? null,
  };
}
