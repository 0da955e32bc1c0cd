import { entityId } from '@suite/contracts';
import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { cancelRun, listRuns, resumeRun } from './paused-run.service';

const read = staffProcedure.meta({ permission: 'tools.connections.read' });
const manage = staffProcedure.meta({ permission: 'tools.connections.manage' });
const byRun = z.object({ runId: entityId });

const pausedRunView = z.object({
  id: entityId,
  tool: z.string(),
  provider: z.string(),
  status: z.enum(['paused', 'resumed', 'cancelled']),
  step: z.string(),
  reason: z.string(),
  pausedAt: z.string(),
  resolvedAt: z.string().nullable(),
});

/** Work parked while its connection was in Error. */
export const runsRouter = router({
  list: read
    .input(z.object({ status: z.enum(['paused', 'resumed', 'cancelled']).optional() }))
    .output(z.array(pausedRunView))
    .query(inTenant(listRuns)),
  resume: manage
    .input(byRun)
    .output(z.object({ resumed: z.boolean() }))
    .mutation(inTenant(async (tx, input) => ({ resumed: (await resumeRun(tx, input.runId)) !== undefined }))),
  cancel: manage
    .input(byRun)
    .output(z.void())
    .mutation(inTenant((tx, input) => cancelRun(tx, input.runId))),
});
