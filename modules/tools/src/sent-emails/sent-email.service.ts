import type { OrgTransaction } from '@suite/db';
import type { InboundEvent } from '../webhooks/inbound-webhook';

/** Vendors send delivery, bounce and complaint statuses within days, so 30 days covers them (decision 0106). */
export const SENT_EMAIL_RETENTION_MS = 30 * 24 * 60 * 60_000;

/** Keeps the subject of an email the vendor accepted, under the vendor's message id (`send_email`'s `message_id`). */
export async function recordSentEmail(
  tx: OrgTransaction,
  provider: string,
  input: { subject: string },
  output: { message_id: string },
): Promise<void> {
  await tx.toolsSentEmail.createMany({
    data: [{ provider, messageId: output.message_id, subject: input.subject }],
    skipDuplicates: true,
  });
}

/**
 * Names the email of each delivery status by the subject the org sent it with. The subject comes from
 * the suite's own record of the send, never from the vendor's body: an email the suite did not send
 * (or no longer knows) keeps `subject: null`.
 */
export async function withSentSubjects(
  tx: OrgTransaction,
  events: readonly InboundEvent[],
): Promise<InboundEvent[]> {
  // By provider and message id, the unique index's columns after the org: a lookup, not a scan of the
  // org's month of mail.
  const sentEmails = events.flatMap((event) =>
    event.type === 'tools.email.status_changed'
      ? [{ provider: event.data.provider, messageId: event.data.messageId }]
      : [],
  );
  if (sentEmails.length === 0) return [...events];
  const sent = await tx.toolsSentEmail.findMany({
    where: { OR: sentEmails },
    select: { provider: true, messageId: true, subject: true },
  });
  const subjectOf = new Map(sent.map((email) => [`${email.provider}:${email.messageId}`, email.subject]));
  return events.map((event) =>
    event.type === 'tools.email.status_changed'
      ? {
          ...event,
          data: {
            ...event.data,
            subject: subjectOf.get(`${event.data.provider}:${event.data.messageId}`) ?? null,
          },
        }
      : event,
  );
}

/** Deletes the records of emails sent before the retention window; their later statuses carry `subject: null`. */
export async function deleteOldSentEmails(tx: OrgTransaction, now = new Date()): Promise<number> {
  const deleted = await tx.toolsSentEmail.deleteMany({
    where: { sentAt: { lt: new Date(now.getTime() - SENT_EMAIL_RETENTION_MS) } },
  });
  return deleted.count;
}
