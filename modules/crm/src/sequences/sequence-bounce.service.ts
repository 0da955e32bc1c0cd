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
    include: { sequence: { select: { name: true } } },
  });
  if (enrollments.length === 0) return 0;
  const contact = await tx.crmContact.findUniqueOrThrow({
    where: { id: which.contactId },
    select: { name: true, companyId: true },
  });
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
      title: `Sequence “${enrollment.sequence.name}” ended for ${contact.name}: email bounced${reason}`,
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
