import { conflict, found, invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { recordActivity } from '../activity/activity.service';
import type { ByEnrollmentId, EnrollmentRestarted } from './sequence.schema';

/**
 * What sets a restarted enrollment's run apart in keys (step sends, timeline entries): nothing for one
 * never restarted, so its keys stay as they were.
 */
export function restartSuffix(enrollment: { readonly restarts: number }): string {
  return enrollment.restarts > 0 ? `:restart-${enrollment.restarts}` : '';
}

/**
 * Starts an enrollment that ended on a bounce over from its first step, due as on enrolling, once staff
 * fixed the contact's address (which lifts its bounce flag). The conditional update restarts it once,
 * however many calls race; the restart is on the contact's timeline, with who did it.
 */
export async function restartEnrollment(
  tx: OrgTransaction,
  { enrollmentId }: ByEnrollmentId,
  staff: { readonly user: { readonly id: string; readonly name: string } },
): Promise<EnrollmentRestarted> {
  const enrollment = found(
    await tx.crmSequenceEnrollment.findFirst({
      where: { id: enrollmentId },
      include: {
        contact: { select: { name: true, companyId: true, email: true, emailBouncedAt: true } },
        sequence: { select: { name: true } },
      },
    }),
    `sequence enrollment ${enrollmentId}`,
  );
  if (enrollment.status !== 'bounced') throw notBounced(enrollmentId, enrollment.status);
  const { contact, sequence } = enrollment;
  if (contact.emailBouncedAt)
    throw conflict(
      `the address of contact ${enrollment.contactId} is still flagged as bounced (since ${contact.emailBouncedAt.toISOString()}); fix the contact's address first (contacts.update), then restart`,
    );
  if (!contact.email)
    throw invalid('enrollmentId: the contact has no email address; add one first', 'enrollmentId');
  const first = await tx.crmSequenceStep.findUniqueOrThrow({
    where: { sequenceId_position: { sequenceId: enrollment.sequenceId, position: 1 } },
    select: { delayMinutes: true },
  });
  const now = new Date();
  const nextDueAt = new Date(now.getTime() + first.delayMinutes * 60_000);
  const restarts = enrollment.restarts + 1;
  // `restarts` too: a call that read the row before another restart (and a second bounce) restarts nothing.
  const { count } = await tx.crmSequenceEnrollment.updateMany({
    where: { id: enrollmentId, status: 'bounced', restarts: enrollment.restarts },
    data: { status: 'active', nextPosition: 1, nextDueAt, endedAt: null, restarts },
  });
  if (!count) throw notBounced(enrollmentId, 'active');
  await recordActivity(tx, {
    companyId: contact.companyId,
    contactId: enrollment.contactId,
    kind: 'sequence.restarted',
    title: `Sequence “${sequence.name}” restarted for ${contact.name} by ${staff.user.name}`,
    detail: {
      enrollmentId,
      sequenceId: enrollment.sequenceId,
      restartedBy: staff.user.id,
      restarts,
      stepsSentBefore: enrollment.nextPosition - 1,
    },
    occurredAt: now,
    sourceKey: `sequence-restarted:${enrollmentId}${restartSuffix({ restarts })}`,
  });
  return { enrollmentId, restarts, nextDueAt: nextDueAt.toISOString() };
}

const notBounced = (enrollmentId: string, status: string) =>
  conflict(
    `sequence enrollment ${enrollmentId} is ${status}, not bounced: only an enrollment that ended on a bounce can be restarted; ${
      status === 'active'
        ? 'it is running already'
        : 'a contact goes through a sequence once, so create a new sequence to mail it again'
    }`,
  );
