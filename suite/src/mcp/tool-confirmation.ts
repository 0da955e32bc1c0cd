import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { OrgTransaction } from '@suite/db';
import { z } from 'zod';
import type { McpCaller } from './mcp-caller';
import { MCP_CALL_ACTION } from './tool-audit';
import { failure, structured } from './tool-result';

const VALID_MINUTES = 10;

export const confirmationField = {
  confirmation: z
    .uuid()
    .optional()
    .describe(
      'Leave it out at first: the answer describes the effect and gives a confirmation. Show that to the user and, once they agree, call again with the same arguments and the confirmation.',
    ),
};

export type ConfirmationCheck =
  | { readonly confirmed: true }
  | {
      readonly confirmed: false;
      readonly outcome: 'confirmation_required' | 'error';
      readonly result: CallToolResult;
      readonly confirmation?: string;
    };

interface ConfirmableCall {
  readonly tool: string;
  readonly argumentsHash: string;
  readonly confirmation: unknown;
}

/**
 * A destructive tool runs in two steps, so an assistant cannot charge a card in one unreviewed call: the
 * first answers a confirmation (recorded in the audit log with the arguments' hash); only a second call by
 * the same caller with the same arguments and that confirmation, within 10 minutes, runs the tool.
 */
export async function checkConfirmation(
  tx: OrgTransaction,
  caller: McpCaller,
  call: ConfirmableCall,
): Promise<ConfirmationCheck> {
  if (call.confirmation === undefined) {
    const confirmation = randomUUID();
    const expiresAt = new Date(Date.now() + VALID_MINUTES * 60_000).toISOString();
    return {
      confirmed: false,
      outcome: 'confirmation_required',
      confirmation,
      result: structured({
        success: false,
        confirmation_required: {
          confirmation,
          expires_at: expiresAt,
          summary: `${call.tool} was not run. Show the user exactly what it will do; if they agree, call ${call.tool} again with the same arguments and "confirmation": "${confirmation}" before ${expiresAt}.`,
        },
      }),
    };
  }
  const asked = await tx.auditLogEntry.findFirst({
    where: {
      action: MCP_CALL_ACTION,
      target: call.tool,
      actor: caller.actor,
      at: { gte: new Date(Date.now() - VALID_MINUTES * 60_000) },
      AND: [
        { detail: { path: ['outcome'], equals: 'confirmation_required' } },
        { detail: { path: ['confirmation'], equals: String(call.confirmation) } },
        { detail: { path: ['argumentsHash'], equals: call.argumentsHash } },
      ],
    },
    select: { id: true },
  });
  if (asked) return { confirmed: true };
  return {
    confirmed: false,
    outcome: 'error',
    result: failure(
      `${call.tool}: confirmation ${String(call.confirmation)} is unknown, expired, from another caller or for other arguments; call again without "confirmation" to get a new one`,
    ),
  };
}
