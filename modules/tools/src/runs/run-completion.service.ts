import { publish } from '@suite/bus';
import type { EventData, toolsRunCompleted } from '@suite/contracts';
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
  const failure = result.success ? null : result.error;
  if (failure?.code === 'paused') return;
  const { success: _success, provider = null, ...rest } = result;
  await publishRunEnd(tx, requester, tool, {
    provider,
    result: failure ? null : rest,
    error: failure?.message ?? null,
    errorCode: failure?.code ?? null,
    traceparent,
  });
}

/** A paused run that staff cancelled has ended too: its requester hears it failed, and who cancelled it. */
export async function publishRunCancelled(
  tx: OrgTransaction,
  requester: RunRequester,
  tool: string,
  cancelled: { provider: string; by: string },
): Promise<void> {
  await publishRunEnd(tx, requester, tool, {
    provider: cancelled.provider,
    result: null,
    error: `cancelled by ${cancelled.by}`,
    errorCode: 'cancelled',
  });
}

async function publishRunEnd(
  tx: OrgTransaction,
  requester: RunRequester,
  tool: string,
  end: {
    provider: string | null;
    result: Record<string, unknown> | null;
    error: string | null;
    errorCode: EventData<typeof toolsRunCompleted>['errorCode'];
    traceparent?: string | undefined;
  },
): Promise<void> {
  const { traceparent, ...outcome } = end;
  await publish(tx, {
    type: 'tools.run.completed',
    traceparent,
    data: { requestId: requester.requestId, tool, requestedBy: requester.requestedBy, ...outcome },
  });
}
