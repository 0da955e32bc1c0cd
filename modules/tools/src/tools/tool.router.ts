import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { staffToolRunInput, toolResult } from './tool.schema';
import { runStaffTool } from './tool-run.service';

/** A staff member runs a tool for the org (the console's "send a test SMS"). */
export const toolRouter = router({
  run: staffProcedure
    .meta({ permission: 'tools.run' })
    .input(staffToolRunInput)
    .output(toolResult)
    .mutation(inTenant(runStaffTool)),
});
