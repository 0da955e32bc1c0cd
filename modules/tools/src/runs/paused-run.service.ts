import { conflict, found } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import { connectionById } from '../connections/connection.service';
import { providerById } from '../providers/provider-registry';
import type { ToolName, ToolResult } from '../tools/tool-catalog';
import { callVendorStep, type ToolRequest } from '../tools/tool-runner.service';
import { publishRunCancelled, publishRunCompleted, type RunRequester } from './run-completion.service';

export const RESUME_STEP = 'call_vendor';

export interface PausedRunView {
  readonly id: string;
  readonly tool: string;
  readonly provider: string;
  readonly status: 'paused' | 'resumed' | 'cancelled';
  readonly step: string;
  readonly reason: string;
  readonly pausedAt: string;
  readonly resolvedAt: string | null;
}

/** Parks a background call whose connection is in Error, with its input and the step to resume from. */
export async function parkRun(
  tx: OrgTransaction,
  connection: { id: string; provider: string },
  request: ToolRequest,
  input: unknown,
  reason: string,
): Promise<ToolResult> {
  const existing = await tx.toolsPausedRun.findFirst({
    where: { tool: request.tool, idempotencyKey: request.idempotencyKey },
  });
  if (existing)
    await tx.toolsPausedRun.update({
      where: { id: existing.id },
      data: { status: 'paused', reason, resolvedAt: null },
    });
  else
    await tx.toolsPausedRun.create({
      data: {
        connectionId: connection.id,
        tool: request.tool,
        step: RESUME_STEP,
        input: input as Prisma.InputJsonValue,
        idempotencyKey: request.idempotencyKey,
        actorType: request.actor.type,
        actorId: request.actor.id,
        requestId: request.requester?.requestId ?? null,
        requestedBy: request.requester?.requestedBy ?? null,
        reason,
      },
    });
  const vendor = providerById(connection.provider).name;
  return {
    success: false,
    provider: connection.provider,
    error: {
      code: 'paused',
      message: `${request.tool} is paused until ${vendor} is fixed and verified: ${reason}`,
    },
  };
}

/**
 * Resumes one paused run from its step. The conditional status change lets exactly one caller through;
 * the call's idempotency key makes a repeat vendor call impossible to double-charge or double-text.
 */
export async function resumeRun(tx: OrgTransaction, runId: string): Promise<ToolResult | undefined> {
  const run = found(await tx.toolsPausedRun.findFirst({ where: { id: runId } }), 'paused run');
  const { count } = await tx.toolsPausedRun.updateMany({
    where: { id: run.id, status: 'paused' },
    data: { status: 'resumed', resolvedAt: new Date() },
  });
  if (count === 0) return undefined;
  const connection = await connectionById(tx, run.connectionId);
  const request: ToolRequest = {
    tool: run.tool as ToolName,
    input: run.input,
    idempotencyKey: run.idempotencyKey,
    actor: { type: run.actorType, id: run.actorId },
    requestId: `paused-run:${run.id}`,
    background: true,
    requester: requesterOf(run),
  };
  const result = await callVendorStep(tx, connection, providerById(connection.provider), request, run.input);
  await tx.toolsPausedRun.updateMany({
    where: { id: run.id, status: 'resumed' },
    data: { result: result as unknown as Prisma.InputJsonValue },
  });
  // The status change above let only this caller through, so the requester hears of the end once.
  if (request.requester) await publishRunCompleted(tx, request.requester, request.tool, result);
  return result;
}

function requesterOf(run: {
  requestId: string | null;
  requestedBy: string | null;
}): RunRequester | undefined {
  return run.requestId && run.requestedBy
    ? { requestId: run.requestId, requestedBy: run.requestedBy }
    : undefined;
}

/** After a passing verify: every paused run of the connection, oldest first, each once. */
export async function resumeConnectionRuns(tx: OrgTransaction, connectionId: string): Promise<number> {
  const runs = await tx.toolsPausedRun.findMany({
    where: { connectionId, status: 'paused' },
    orderBy: { seq: 'asc' },
    select: { id: true },
  });
  let resumed = 0;
  for (const run of runs) {
    const result = await resumeRun(tx, run.id);
    if (result === undefined) continue;
    resumed++;
    // Paused again (the vendor refused once more): later runs wait behind it, in order.
    if (!result.success && result.error.code === 'paused') break;
  }
  return resumed;
}

/**
 * Cancels a paused run: it will not be resumed. Its requester hears the end (`cancelled by <by>`) once:
 * the conditional status change lets one canceller through, and a second cancel is a conflict.
 */
export async function cancelRun(tx: OrgTransaction, runId: string, by: string): Promise<void> {
  const { count } = await tx.toolsPausedRun.updateMany({
    where: { id: runId, status: 'paused' },
    data: { status: 'cancelled', resolvedAt: new Date() },
  });
  const run = found(
    await tx.toolsPausedRun.findFirst({
      where: { id: runId },
      include: { connection: { select: { provider: true } } },
    }),
    'paused run',
  );
  if (count === 0) throw conflict(`paused run ${run.id} is already ${run.status}`);
  const requester = requesterOf(run);
  if (requester)
    await publishRunCancelled(tx, requester, run.tool, { provider: run.connection.provider, by });
}

export async function listRuns(
  tx: OrgTransaction,
  filter: { status?: 'paused' | 'resumed' | 'cancelled' | undefined },
): Promise<PausedRunView[]> {
  const rows = await tx.toolsPausedRun.findMany({
    where: filter.status ? { status: filter.status } : {},
    orderBy: { seq: 'asc' },
    include: { connection: { select: { provider: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    tool: row.tool,
    provider: row.connection.provider,
    status: row.status,
    step: row.step,
    reason: row.reason,
    pausedAt: row.pausedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  }));
}
