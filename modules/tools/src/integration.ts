import { invalid, toolRun } from '@suite/contracts';
import { integrationProcedure, router } from '@suite/hub-auth';
import { toolName } from './tools/tool-catalog';
import { runTool } from './tools/tool-runner.service';

/**
 * The tool layer's integration API (contracts/src/integration/tools.integration.ts), served at
 * /tools/integration: a sister product runs a tool for its key's org, never seeing a credential.
 */
export const toolsIntegrationRouter = router({
  run: integrationProcedure(toolRun.scope)
    .input(toolRun.input)
    .output(toolRun.output)
    .mutation(({ ctx, input }) =>
      ctx.tenant.transaction((tx) => {
        const tool = toolName.safeParse(input.tool);
        if (!tool.success)
          throw invalid(
            `unknown tool "${input.tool}"; expected one of ${toolName.options.join(', ')}`,
            'tool',
          );
        return runTool(tx, {
          tool: tool.data,
          input: input.input,
          idempotencyKey: input.idempotencyKey,
          actor: { type: 'tool', id: ctx.caller },
          background: false,
        });
      }),
    ),
});
