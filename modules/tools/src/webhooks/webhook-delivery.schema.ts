import { entityId } from '@suite/contracts';
import { z } from 'zod';

const deliveryStatus = z.enum(['received', 'processed', 'failed']);

export const deliveryListInput = z.object({ status: deliveryStatus.optional() });
export type DeliveryListInput = z.infer<typeof deliveryListInput>;

export const deliveryView = z.object({
  id: entityId,
  connectionId: entityId,
  provider: z.string(),
  eventId: z.string(),
  status: deliveryStatus,
  attempts: z.number().int(),
  error: z.string().nullable(),
  published: z.array(z.string()),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
});
export type DeliveryView = z.infer<typeof deliveryView>;
