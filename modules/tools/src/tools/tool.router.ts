import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { toolName } from './tool-catalog';
import { runTool } from './tool-runner.service';

const toolResult = z.object({ success: z.boolean(), provider: z.string().optional() }).catchall(z.unknown());

/** A staff member runs a tool for the org (the console's "send a test SMS"). */
export const toolRouter = router({
  run: staffProcedure
    .meta({ permission: 'tools.run' })
    .input(
      z.object({
        tool: toolName,
        input: z.record(z.string(), z.unknown()),
        idempotencyKey: z.string().min(8).max(200),
      }),
    )
    .output(toolResult)
    .mutation(
      inTenant((tx, input, ctx) =>
        runTool(tx, {
          ...input,
          actor: { type: 'operator', id: ctx.user.id },
          requestId: ctx.requestId,
          background: false,
        }),
      ),
    ),
});
