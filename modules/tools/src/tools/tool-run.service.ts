import { invalid, type toolRun } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';
import type { StaffToolRunInput } from './tool.schema';
import { type ToolResult, toolName } from './tool-catalog';
import { runTool } from './tool-runner.service';

/** A staff member runs a tool for the org (the console's "send a test SMS"). */
export function runStaffTool(
  tx: OrgTransaction,
  input: StaffToolRunInput,
  staff: { readonly user: { readonly id: string }; readonly requestId?: string | undefined },
): Promise<ToolResult> {
  return runTool(tx, {
    ...input,
    actor: { type: 'operator', id: staff.user.id },
    requestId: staff.requestId,
    background: false,
  });
}

/** A sister product runs a tool for its key's org, never seeing a credential. */
export function runRequestedTool(
  tx: OrgTransaction,
  input: z.infer<typeof toolRun.input>,
  integration: { readonly caller: string },
): Promise<ToolResult> {
  const tool = toolName.safeParse(input.tool);
  if (!tool.success)
    throw invalid(`unknown tool "${input.tool}"; expected one of ${toolName.options.join(', ')}`, 'tool');
  return runTool(tx, {
    tool: tool.data,
    input: input.input,
    idempotencyKey: input.idempotencyKey,
    actor: { type: 'tool', id: integration.caller },
    background: input.background,
  });
}
