import { setTimeout as sleep } from 'node:timers/promises';
import { invalid } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import { type Connection, chosenConnection } from '../connections/connection.service';
import { recordOutcome } from '../health/connection-health.service';
import type { ProviderDefinition, VendorCall } from '../providers/provider-definition';
import { VendorError } from '../providers/vendor-error';
import { parkRun } from '../runs/paused-run.service';
import type { RunRequester } from '../runs/run-completion.service';
import { recordSentEmail } from '../sent-emails/sent-email.service';
import type { DecryptPurpose } from '../vault/credential.schema';
import { openToolCall } from './call-opening.service';
import {
  TOOL_CATALOG,
  type ToolInput,
  type ToolName,
  type ToolOutput,
  type ToolResult,
} from './tool-catalog';
import { withCredential } from './vendor-call.service';

export interface ToolRequest {
  readonly tool: ToolName;
  readonly input: unknown;
  /** Derived from the event id on the bus; a retry with the same key returns the first result. */
  readonly idempotencyKey: string;
  readonly actor: { readonly type: 'tool' | 'operator' | 'system' | 'job'; readonly id: string };
  readonly requestId?: string | undefined;
  readonly traceId?: string | undefined;
  /**
   * A bus handler or job: a connection in Error parks the run instead of failing it, and a rate limit
   * is waited out. Interactive callers get the named error and the retry-after.
   */
  readonly background: boolean;
  /** Set when the run was asked for over the bus: a parked run keeps it, to publish its end on resume. */
  readonly requester?: RunRequester | undefined;
}

function parseInput(tool: ToolName, input: unknown): unknown {
  const parsed = TOOL_CATALOG[tool].input.safeParse(input);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw invalid(`${tool}: ${issue?.path.join('.') || 'input'}: ${issue?.message}`, issue?.path.join('.'));
}

/**
 * Runs a tool for the transaction's org: idempotent, rate limited, audited, health kept (decision 0091),
 * in two statements on the hot path: the opening and the record (decisions 0092, 0094).
 */
export async function runTool(tx: OrgTransaction, request: ToolRequest): Promise<ToolResult> {
  const input = parseInput(request.tool, request.input);
  for (;;) {
    const opening = await openToolCall(tx, request, purposeOf(request));
    if (opening.recorded) return opening.recorded;
    const { connection, provider } = chosenConnection(request.tool, opening.choice, opening.connections);
    if (!opening.gate)
      return parkRun(tx, connection, request, input, connection.healthReason ?? 'the connection is in Error');
    if (opening.gate.allowed)
      return callVendorStep(tx, connection, provider, request, input, opening.gate.credential);
    const { limit, windowSeconds } = opening.rateLimit;
    if (!request.background)
      return {
        success: false,
        error: {
          code: 'rate_limited',
          message: `${request.tool}: this org's limit of ${limit} calls per ${windowSeconds}s is used up; retry in ${opening.gate.retryAfterSeconds}s`,
          retry_after_seconds: opening.gate.retryAfterSeconds,
        },
      };
    await sleep(opening.gate.retryAfterSeconds * 1000);
  }
}

function purposeOf(request: ToolRequest): DecryptPurpose {
  return {
    actorType: request.actor.type,
    actorId: request.actor.id,
    purpose: request.tool,
    requestId: request.requestId ?? request.idempotencyKey,
    traceId: request.traceId,
  };
}

const ERROR_CODES = {
  auth: 'auth_failed',
  rejected: 'vendor_rejected',
  unavailable: 'vendor_unavailable',
  rate_limited: 'rate_limited',
} as const;

/** The vendor call step (a paused run resumes here): the result is recorded, health follows the outcome. */
export async function callVendorStep(
  tx: OrgTransaction,
  connection: Connection,
  provider: ProviderDefinition,
  request: ToolRequest,
  input: unknown,
  opened?: { readonly value: unknown },
): Promise<ToolResult> {
  const implementation = provider.tools[request.tool] as
    | ((call: VendorCall, input: unknown) => Promise<unknown>)
    | undefined;
  if (!implementation) throw invalid(`${provider.name} does not run ${request.tool}`, 'tool');
  const record = (result: ToolResult) =>
    tx.toolsCall.create({
      data: {
        tool: request.tool,
        idempotencyKey: request.idempotencyKey,
        provider: provider.id,
        result: result as unknown as Prisma.InputJsonValue,
      },
    });
  try {
    const output = await withCredential(
      tx,
      connection,
      provider,
      purposeOf(request),
      request.idempotencyKey,
      (call) => implementation(call, input),
      opened,
    );
    const result = {
      success: true,
      provider: provider.id,
      ...TOOL_CATALOG[request.tool].output.parse(output),
    } as ToolResult;
    await record(result);
    if (request.tool === 'send_email')
      await recordSentEmail(
        tx,
        provider.id,
        input as ToolInput<'send_email'>,
        result as ToolOutput<'send_email'>,
      );
    await recordOutcome(tx, connection, 'success', null);
    return result;
  } catch (thrown) {
    const error =
      thrown instanceof VendorError
        ? thrown
        : new VendorError('unavailable', `${provider.name} answered in a way the tool layer did not expect`);
    await recordOutcome(tx, connection, error.failure, error.message);
    if (request.background && error.failure === 'auth')
      return parkRun(tx, connection, request, input, error.message);
    const result: ToolResult = {
      success: false,
      provider: provider.id,
      error: {
        code: ERROR_CODES[error.failure],
        message: error.message,
        ...(error.details.field && { field: error.details.field }),
        ...(error.details.retryAfterSeconds && { retry_after_seconds: error.details.retryAfterSeconds }),
      },
    };
    // The vendor refused this input: a retry would be refused the same way, so it gets this answer.
    if (error.failure === 'rejected') await record(result);
    return result;
  }
}
