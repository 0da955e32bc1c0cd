import type { OrgTransaction, Prisma } from '@suite/db';
import type { ErasureStep } from './forget.schema';

/** The audit log's actions of a forget run: one row per step, divergences apart, and the completion. */
export const ERASURE_ACTIONS = {
  step: 'tools.erasure.step',
  divergence: 'tools.erasure.divergence',
  completed: 'tools.erasure.completed',
} as const;

export interface ErasureActor {
  /** `cli:<os user>` or `staff:<hub user id>`. */
  readonly actor: string;
  readonly requestId?: string | undefined;
}

/** A step's audit row, naming the person by their hash only (the log outlives the erasure). */
export async function auditErasureStep(
  tx: OrgTransaction,
  by: ErasureActor,
  subjectHash: string,
  step: ErasureStep,
  extra: Prisma.InputJsonObject = {},
): Promise<void> {
  await tx.auditLogEntry.create({
    data: {
      actor: by.actor,
      action: step.outcome === 'divergence' ? ERASURE_ACTIONS.divergence : ERASURE_ACTIONS.step,
      target: subjectHash,
      detail: { ...step, ...extra, ...(by.requestId && { requestId: by.requestId }) },
    },
  });
}
