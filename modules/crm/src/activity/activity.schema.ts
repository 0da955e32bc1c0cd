import { activityList, entityId, text, timestamp } from '@suite/contracts';
import { z } from 'zod';

export const activityLogInput = z.object({
  companyId: entityId,
  contactId: entityId.optional().describe('The contact the entry is about; it must belong to the company.'),
  kind: z.enum(['note', 'call', 'email', 'meeting']),
  title: text(500, { min: 1 }),
  occurredAt: timestamp.optional().describe('Defaults to now.'),
});

export const activityItemView = activityList.output.shape.items.element;

export type ActivityLogInput = z.infer<typeof activityLogInput>;
export type ActivityItemView = z.infer<typeof activityItemView>;
