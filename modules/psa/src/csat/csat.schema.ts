import { entityId, text, timestamp } from '@suite/contracts';
import { z } from 'zod';

export const csatInput = z.object({
  clientId: entityId,
  ticketId: entityId.nullable().default(null).describe('The ticket the survey asked about, if any.'),
  score: z.number().int().min(1).max(5),
  comment: text(2000).nullable().default(null),
});

export const csatView = csatInput.extend({ id: entityId, submittedAt: timestamp });

export type CsatInput = z.infer<typeof csatInput>;
export type CsatView = z.infer<typeof csatView>;
