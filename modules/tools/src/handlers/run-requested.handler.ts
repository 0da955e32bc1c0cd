import { defineSubscription } from '@suite/bus';
import { toolsRunRequested } from '@suite/contracts';
import { publishRunCompleted } from '../runs/run-completion.service';
import { toolName } from '../tools/tool-catalog';
import { runTool } from '../tools/tool-runner.service';

/**
 * Runs a tool another module asked for. The idempotency key comes from the event, so a redelivery
 * returns the first result; a connection in Error parks the run instead of dead-lettering it. The
 * requester learns the result from `tools.run.completed` (the portal: which vendor has its addendum),
 * published here or, for a parked run, when it is resumed.
 */
export const runRequestedSubscription = defineSubscription({
  group: 'tools.run-requested',
  types: [toolsRunRequested],
  async handler(event, { tx, idempotencyKey, trace, log }) {
    const tool = toolName.safeParse(event.data.tool);
    if (!tool.success) {
      // Retrying cannot make an unknown tool known: say so once and move on.
      log.warn(
        { tool: event.data.tool, requestId: event.data.requestId },
        'tools.run.requested names no tool',
      );
      return;
    }
    const requester = { requestId: event.data.requestId, requestedBy: event.data.requestedBy };
    const result = await runTool(tx, {
      tool: tool.data,
      input: event.data.input,
      idempotencyKey,
      actor: { type: 'tool', id: event.data.requestedBy },
      requestId: event.id,
      traceId: trace.traceId,
      background: true,
      requester,
    });
    if (!result.success) log.info({ tool: tool.data, code: result.error.code }, 'tool run did not succeed');
    await publishRunCompleted(tx, requester, tool.data, result, trace.traceparent);
  },
});
