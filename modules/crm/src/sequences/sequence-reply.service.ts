import { publish } from '@suite/bus';
import type { OrgTransaction } from '@suite/db';
import type { SyncedEmail } from '../email/email-log.schema';

export interface SeenReply {
  readonly message: SyncedEmail;
  /** The contacts the reply came from. */
  readonly contactIds: readonly string[];
}

/**
 * A message from an enrolled contact, received after the enrollment began, ends the enrollment before
 * its remaining steps (`crm.sequence.replied`). The conditional update makes a page seen twice end it once.
 */
export async function stopRepliedSequences(
  tx: OrgTransaction,
  replies: readonly SeenReply[],
): Promise<number> {
  if (!replies.length) return 0;
  // One query for the page: most mail comes from contacts in no sequence.
  const enrollments = await tx.crmSequenceEnrollment.findMany({
    where: {
      status: 'active',
      contactId: { in: [...new Set(replies.flatMap((reply) => reply.contactIds))] },
    },
  });
  let stopped = 0;
  for (const enrollment of enrollments) {
    const reply = replies.find(
      ({ message, contactIds }) =>
        contactIds.includes(enrollment.contactId) && new Date(message.sentAt) >= enrollment.createdAt,
    );
    if (!reply) continue;
    const repliedAt = new Date(reply.message.sentAt);
    const { count } = await tx.crmSequenceEnrollment.updateMany({
      where: { id: enrollment.id, status: 'active' },
      data: { status: 'replied', endedAt: repliedAt, nextDueAt: null },
    });
    if (!count) continue;
    stopped += 1;
    await publish(tx, {
      type: 'crm.sequence.replied',
      data: {
        enrollmentId: enrollment.id,
        sequenceId: enrollment.sequenceId,
        contactId: enrollment.contactId,
        messageId: reply.message.messageId,
        stepsSent: enrollment.nextPosition - 1,
        repliedAt: repliedAt.toISOString(),
      },
    });
  }
  return stopped;
}
