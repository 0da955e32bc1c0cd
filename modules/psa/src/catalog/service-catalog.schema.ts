import { entityId, money as moneySchema } from '@suite/contracts';
import type { Prisma } from '@suite/db';
import { z } from 'zod';
import { money } from '../money';

export const serviceFields = z.object({
  code: z
    .string()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'expected an upper-case code like "M365-BASIC"')
    .describe('Matches CRM line items and Books GL mappings.'),
  name: z.string().trim().min(1).max(200),
  unitPrice: moneySchema,
  recurring: z.boolean(),
});

export const serviceView = serviceFields.extend({ id: entityId, archived: z.boolean() });

export function toServiceView(row: Prisma.PsaServiceGetPayload<object>): z.infer<typeof serviceView> {
  const { id, code, name, unitPrice, recurring, archivedAt } = row;
  return { id, code, name, unitPrice: money(unitPrice), recurring, archived: archivedAt !== null };
}
