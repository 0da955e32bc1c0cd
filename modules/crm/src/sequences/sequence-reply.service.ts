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
  let stopped = 0;
  for (const { message, contactIds } of replies) {
    const repliedAt = new Date(message.sentAt);
    const enrollments = await tx.crmSequenceEnrollment.findMany({
      where: { contactId: { in: [...contactIds] }, status: 'active', createdAt: { lte: repliedAt } },
    });
    for (const enrollment of enrollments) {
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
          messageId: message.messageId,
          stepsSent: enrollment.nextPosition - 1,
          repliedAt: repliedAt.toISOString(),
        },
      });
    }
  }
  return stopped;
}
