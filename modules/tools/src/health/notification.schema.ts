import { z } from 'zod';

export const notificationView = z.object({
  id: z.string(),
  connectionId: z
    .string()
    .nullable()
    .describe('The connection it is about; null for a webhook endpoint notice.'),
  title: z.string(),
  body: z.string(),
  emailed: z.number(),
  createdAt: z.string(),
});
export type NotificationView = z.infer<typeof notificationView>;
