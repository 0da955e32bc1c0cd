import { entityId, money, name } from '@suite/contracts';
import { z } from 'zod';

export const serviceFields = z.object({
  code: z
    .string()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'expected an upper-case code like "M365-BASIC"')
    .describe('Matches CRM line items and Books GL mappings.'),
  name,
  unitPrice: money,
  recurring: z.boolean(),
});

export const serviceListInput = z
  .object({ includeArchived: z.boolean().default(false) })
  .default({ includeArchived: false });

export const byServiceId = z.object({ serviceId: entityId });

export const serviceUpdateInput = byServiceId.extend({
  changes: serviceFields.omit({ code: true }).partial(),
});

export const serviceView = serviceFields.extend({ id: entityId, archived: z.boolean() });

export type ServiceFields = z.infer<typeof serviceFields>;
export type ServiceListInput = z.infer<typeof serviceListInput>;
export type ByServiceId = z.infer<typeof byServiceId>;
export type ServiceUpdateInput = z.infer<typeof serviceUpdateInput>;
export type ServiceView = z.infer<typeof serviceView>;
