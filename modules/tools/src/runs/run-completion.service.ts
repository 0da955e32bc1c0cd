import { publish } from '@suite/bus';
import type { OrgTransaction } from '@suite/db';
import type { ToolName, ToolResult } from '../tools/tool-catalog';

/** Who asked for a run with `tools.run.requested`: they hear how it ended from `tools.run.completed`. */
export interface RunRequester {
  readonly requestId: string;
  readonly requestedBy: string;
}

/**
 * Tells the requester how its run ended, whether it ran straight from the event or resumed after a
 * pause. A parked run has not ended: it publishes nothing until it is resumed.
 */
export async function publishRunCompleted(
  tx: OrgTransaction,
  requester: RunRequester,
  tool: ToolName,
  result: ToolResult,
  traceparent?: string,
): Promise<void> {
  if (!result.success && result.error.code === 'paused') return;
  const { success: _success, provider = null, ...rest } = result;
  await publish(tx, {
    type: 'tools.run.completed',
    traceparent,
    data: {
      requestId: requester.requestId,
      tool,
      requestedBy: requester.requestedBy,
      provider,
      result: result.success ? rest : null,
      error: result.success ? null : result.error.message,
    },
  });
}
