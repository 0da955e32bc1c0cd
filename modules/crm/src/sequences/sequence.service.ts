import { conflict, invalid, notFound } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type {
  EnrollInput,
  EnrollmentListInput,
  EnrollmentView,
  SequenceCreateInput,
} from './sequence.schema';

/** A sequence and its ordered steps (positions 1..n). */
export async function createSequence(
  tx: OrgTransaction,
  input: SequenceCreateInput,
): Promise<{ sequenceId: string }> {
  const sequence = await tx.crmSequence.create({
    data: {
      name: input.name,
      steps: { create: input.steps.map((step, index) => ({ ...step, position: index + 1 })) },
    },
  });
  return { sequenceId: sequence.id };
}

/**
 * Enrolls a contact; its first step is due after the first delay, and every step goes out from the
 * enrolling user's mailbox. A contact is enrolled once per sequence.
 */
export async function enrollContact(
  tx: OrgTransaction,
  input: EnrollInput,
  staff: { readonly user: { readonly id: string } },
): Promise<{ enrollmentId: string }> {
  const now = new Date();
  const first = await tx.crmSequenceStep.findFirst({ where: { sequenceId: input.sequenceId, position: 1 } });
  if (!first) throw notFound(`sequence ${input.sequenceId} was not found; create it first`);
  const contact = await tx.crmContact.findFirst({ where: { id: input.contactId }, select: { email: true } });
  if (!contact) throw notFound(`contact ${input.contactId} was not found`);
  if (!contact.email)
    throw invalid('contactId: the contact has no email address; add one first', 'contactId');
  const enrolled = await tx.crmSequenceEnrollment.findFirst({
    where: { sequenceId: input.sequenceId, contactId: input.contactId },
    select: { status: true },
  });
  if (enrolled)
    throw conflict(
      `contact ${input.contactId} was enrolled in sequence ${input.sequenceId} already (${enrolled.status}); a contact goes through a sequence once, so create a new sequence to mail it again`,
    );
  const enrollment = await tx.crmSequenceEnrollment.create({
    data: {
      ...input,
      enrolledBy: staff.user.id,
      mailbox: input.mailbox.toLowerCase(),
      nextDueAt: new Date(now.getTime() + first.delayMinutes * 60_000),
    },
  });
  return { enrollmentId: enrollment.id };
}

/** Ends an enrollment (unenrolled by staff, or a bounce): no further step is sent. */
export async function endEnrollment(
  tx: OrgTransaction,
  input: { enrollmentId: string; reason?: 'unenrolled' | 'bounced' },
): Promise<{ ended: boolean }> {
  const { count } = await tx.crmSequenceEnrollment.updateMany({
    where: { id: input.enrollmentId, status: 'active' },
    data: { status: input.reason ?? 'unenrolled', endedAt: new Date(), nextDueAt: null },
  });
  return { ended: count === 1 };
}

const ENROLLMENTS_LISTED = 500;

/** Enrollments, newest first, narrowed by sequence, contact and status: where each contact stands. */
export async function listEnrollments(
  tx: OrgTransaction,
  filter: EnrollmentListInput,
): Promise<EnrollmentView[]> {
  const enrollments = await tx.crmSequenceEnrollment.findMany({
    where: filter,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: ENROLLMENTS_LISTED,
    include: { sequence: { select: { name: true } }, contact: { select: { name: true } } },
  });
  return enrollments.map((enrollment) => ({
    enrollmentId: enrollment.id,
    sequenceId: enrollment.sequenceId,
    sequenceName: enrollment.sequence.name,
    contactId: enrollment.contactId,
    contactName: enrollment.contact.name,
    status: enrollment.status,
    enrolledBy: enrollment.enrolledBy,
    mailbox: enrollment.mailbox,
    stepsSent: enrollment.nextPosition - 1,
    restarts: enrollment.restarts,
    nextDueAt: enrollment.nextDueAt?.toISOString() ?? null,
    endedAt: enrollment.endedAt?.toISOString() ?? null,
    enrolledAt: enrollment.createdAt.toISOString(),
  }));
}
