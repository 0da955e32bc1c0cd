import { currency, entityId, money } from '@suite/contracts';
import { z } from 'zod';

export const projectView = z.object({
  id: entityId,
  crmDealId: entityId,
  crmCompanyId: entityId,
  name: z.string(),
  value: money,
  recurringRevenue: money,
  currency,
});

export type ProjectView = z.infer<typeof projectView>;
