import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { cancelRun, listRuns, resumeRun } from './paused-run.service';
import { byRun, pausedRunView, resumedView, runListInput } from './run.schema';

const read = staffProcedure.meta({ permission: 'tools.connections.read' });
const manage = staffProcedure.meta({ permission: 'tools.connections.manage' });

/** Work parked while its connection was in Error. */
export const runRouter = router({
  list: read.input(runListInput).output(z.array(pausedRunView)).query(inTenant(listRuns)),
  resume: manage
    .input(byRun)
    .output(resumedView)
    .mutation(inTenant(async (tx, input) => ({ resumed: (await resumeRun(tx, input.runId)) !== undefined }))),
  cancel: manage
    .input(byRun)
    .output(z.void())
    .mutation(
      inTenant((tx, input, staff: { user: { email: string } }) =>
        cancelRun(tx, input.runId, staff.user.email),
      ),
    ),
});
