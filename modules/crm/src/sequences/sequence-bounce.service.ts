import type { OrgTransaction } from '@suite/db';
import { recordActivity } from '../activity/activity.service';
import { restartSuffix } from './sequence-restart.service';

/** A hard bounce of a contact's primary address (`crm.contact.email_bounced_at` and its reason). */
export interface AddressBounce {
  readonly at: Date;
  readonly reason: string | null;
}

/**
 * Ends a contact's active enrollments (or just `enrollmentId`) because its address hard-bounced, each
 * once: the conditional update lets a redelivered or repeated bounce end nothing more. Each ending is on
 * the contact's timeline with the reason. A later delivery that lifts the flag enrols nobody again.
 */
export async function endBouncedEnrollments(
  tx: OrgTransaction,
  which: { readonly contactId: string; readonly enrollmentId?: string },
  bounce: AddressBounce,
): Promise<number> {
  const enrollments = await tx.crmSequenceEnrollment.findMany({
    where: { contactId: which.contactId, id: which.enrollmentId, status: 'active' },
  });
  if (enrollments.length === 0) return 0;
  // Read one after the other, not as an `include`: Prisma runs an include inside a transaction as
  // concurrent queries on its one connection (prisma/orm#29646).
  const contact = await tx.crmContact.findUniqueOrThrow({
    where: { id: which.contactId },
    select: { name: true, companyId: true },
  });
  const sequences = await tx.crmSequence.findMany({
    where: { id: { in: enrollments.map((enrollment) => enrollment.sequenceId) } },
    select: { id: true, name: true },
  });
  const sequenceName = new Map(sequences.map((sequence) => [sequence.id, sequence.name]));
  let ended = 0;
  for (const enrollment of enrollments) {
    const { count } = await tx.crmSequenceEnrollment.updateMany({
      where: { id: enrollment.id, status: 'active' },
      data: { status: 'bounced', endedAt: bounce.at, nextDueAt: null },
    });
    if (!count) continue;
    ended += 1;
    const reason = bounce.reason ? ` (${bounce.reason})` : '';
    await recordActivity(tx, {
      companyId: contact.companyId,
      contactId: which.contactId,
      kind: 'sequence.ended',
      title: `Sequence “${sequenceName.get(enrollment.sequenceId)}” ended for ${contact.name}: email bounced${reason}`,
      detail: {
        enrollmentId: enrollment.id,
        sequenceId: enrollment.sequenceId,
        reason: 'email bounced',
        bounceReason: bounce.reason,
        stepsSent: enrollment.nextPosition - 1,
      },
      occurredAt: bounce.at,
      sourceKey: `sequence-bounced:${enrollment.id}${restartSuffix(enrollment)}`,
    });
  }
  return ended;
}
