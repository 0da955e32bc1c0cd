import { createHash } from 'node:crypto';
import type { OrgTransaction } from '@suite/db';
import type { McpCaller } from './mcp-caller';

export type CallOutcome = 'ok' | 'error' | 'unavailable' | 'rate_limited' | 'confirmation_required';

export interface ToolCallRecord {
  readonly tool: string;
  readonly argumentsHash: string;
  readonly outcome: CallOutcome;
  readonly startedAt: number;
  readonly requestId: string;
  /** The confirmation a destructive call ran under. */
  readonly confirmation?: string;
}

/** The audit log's action for MCP tool calls. */
export const MCP_CALL_ACTION = 'mcp.tool_call';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .toSorted(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, canonical(item)]),
    );
  return value;
}

/** SHA-256 of the arguments with sorted keys: the audit row proves what was asked, without storing it. */
export function argumentsHash(args: Record<string, unknown>): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(args)))
    .digest('hex');
}

/** One audit row per MCP tool call: caller, org (the row's), tool, arguments hash, outcome, latency. */
export async function auditToolCall(
  tx: OrgTransaction,
  caller: McpCaller,
  call: ToolCallRecord,
): Promise<string> {
  const row = await tx.auditLogEntry.create({
    data: {
      actor: caller.actor,
      action: MCP_CALL_ACTION,
      target: call.tool,
      detail: {
        caller: caller.kind === 'staff' ? caller.staff.user.email : caller.key.caller,
        argumentsHash: call.argumentsHash,
        outcome: call.outcome,
        latencyMs: Date.now() - call.startedAt,
        requestId: call.requestId,
        ...(call.confirmation && { confirmation: call.confirmation }),
      },
    },
    select: { id: true },
  });
  return row.id;
}
