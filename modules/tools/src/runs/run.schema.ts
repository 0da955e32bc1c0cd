import { entityId } from '@suite/contracts';
import { z } from 'zod';

const runStatus = z.enum(['paused', 'resumed', 'cancelled']);

export const byRun = z.object({ runId: entityId });
export const runListInput = z.object({ status: runStatus.optional() });
export const resumedView = z.object({ resumed: z.boolean() });

export const pausedRunView = z.object({
  id: entityId,
  tool: z.string(),
  provider: z.string(),
  status: runStatus,
  step: z.string(),
  reason: z.string(),
  pausedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
