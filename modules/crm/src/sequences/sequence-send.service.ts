import type { OrgTransaction } from '@suite/db';
import { fillTemplate } from './merge-fields';
import type { StepSender } from './sequence.schema';
import { endEnrollment } from './sequence.service';
import { endBouncedEnrollments } from './sequence-bounce.service';
import { restartSuffix } from './sequence-restart.service';

/** Active enrollments whose next step is due. */
export async function dueEnrollments(tx: OrgTransaction, now: Date): Promise<string[]> {
  const rows = await tx.crmSequenceEnrollment.findMany({
    where: { status: 'active', nextDueAt: { lte: now } },
    orderBy: { nextDueAt: 'asc' },
    select: { id: true },
    take: 500,
  });
  return rows.map((row) => row.id);
}

/**
 * The enrollment + step key: a retried run (after a crash between the send and this commit) sends nothing
 * new. A restarted enrollment's run is part of it, so its steps are not taken for the earlier run's; an
 * enrollment never restarted keeps the key it always had.
 */
export function stepKey(enrollment: { id: string; restarts: number }, position: number): string {
  return `crm.sequence:${enrollment.id}${restartSuffix(enrollment)}:${position}`;
}

export type StepOutcome = 'sent' | 'completed' | 'bounced' | 'retry' | 'skipped';

/**
 * Sends an enrollment's due step through the tool layer, then moves it to the next step (or ends it).
 * The row is locked (SKIP LOCKED) so two runs never send the same step at once; a reply seen by the
 * email sync meanwhile has ended it and nothing is sent. A contact whose address hard-bounced is mailed
 * no more: its enrollment ends as bounced.
 */
export async function sendDueStep(
  tx: OrgTransaction,
  enrollmentId: string,
  send: StepSender,
  now: Date,
): Promise<StepOutcome> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM crm.sequence_enrollment
     WHERE id = ${enrollmentId}::uuid AND status = 'active' AND next_due_at <= ${now}
     FOR UPDATE SKIP LOCKED`;
  if (!locked.length) return 'skipped';
  const enrollment = await tx.crmSequenceEnrollment.findUniqueOrThrow({
    where: { id: enrollmentId },
    include: {
      contact: { include: { company: true } },
      sequence: { include: { steps: { orderBy: { position: 'asc' } } } },
    },
  });
  const step = enrollment.sequence.steps.find((candidate) => candidate.position === enrollment.nextPosition);
  const { contact } = enrollment;
  if (!step || !contact.email) {
    await endEnrollment(tx, { enrollmentId, reason: 'unenrolled' });
    return 'skipped';
  }
  if (contact.emailBouncedAt) {
    const bounce = { at: now, reason: contact.emailBounceReason };
    await endBouncedEnrollments(tx, { contactId: contact.id, enrollmentId }, bounce);
    return 'bounced';
  }
  const deal = await tx.crmDeal.findFirst({
    where: { companyId: contact.companyId, stage: { notIn: ['won', 'lost'] } },
    orderBy: { createdAt: 'desc' },
    select: { name: true },
  });
  const values = { contact, company: contact.company, deal };
  const result = await send({
    to: contact.email,
    from: enrollment.mailbox,
    subject: fillTemplate(step.subject, values),
    text: fillTemplate(step.body, values),
    idempotencyKey: stepKey(enrollment, step.position),
  });
  if (!result.success && result.error?.code === 'vendor_rejected') {
    await endEnrollment(tx, { enrollmentId, reason: 'bounced' });
    return 'bounced';
  }
  // `paused`: the tool layer keeps the step and sends it once the mailbox is fixed; the sequence goes on.
  if (!result.success && result.error?.code !== 'paused') return 'retry';
  const next = enrollment.sequence.steps.find((candidate) => candidate.position === step.position + 1);
  await tx.crmSequenceEnrollment.update({
    where: { id: enrollmentId },
    data: next
      ? { nextPosition: next.position, nextDueAt: new Date(now.getTime() + next.delayMinutes * 60_000) }
      : { nextPosition: step.position + 1, status: 'completed', endedAt: now, nextDueAt: null },
  });
  return next ? 'sent' : 'completed';
}
