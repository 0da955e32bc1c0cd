import type { EventData, toolsEmailStatusChanged } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { recordActivity } from '../activity/activity.service';
import { endBouncedEnrollments } from '../sequences/sequence-bounce.service';
import { lookupAddresses } from './email-lookup.service';

type EmailStatus = EventData<typeof toolsEmailStatusChanged>;

const STATUS_TEXT: Record<EmailStatus['status'], string> = {
  sent: 'sent',
  delivered: 'delivered',
  delivery_delayed: 'delivery delayed',
  bounced: 'bounced',
  complained: 'marked as spam by the recipient',
  failed: 'not sent',
  suppressed: 'not sent: the address is on the vendor’s suppression list',
};

const isHardBounce = (email: EmailStatus) => email.status === 'bounced' && email.permanent === true;

function statusTitle(email: EmailStatus, who: string): string {
  const status = isHardBounce(email)
    ? 'bounced, the address does not accept mail'
    : STATUS_TEXT[email.status];
  const which = email.subject ? ` "${email.subject}"` : '';
  return `Email${which} to ${who}: ${status}${email.reason ? ` (${email.reason})` : ''}`;
}

/**
 * An email the org sent through the tool layer, on the timeline of each contact it went to: one entry per
 * email and contact showing its latest status (an older status arriving late changes nothing). A hard
 * bounce of a contact's primary address flags the contact and ends its sequences; a later delivery to it
 * lifts the flag (the sequences stay ended).
 * Recipients that are no contact leave no trace, as in the email sync.
 */
export async function applyEmailStatus(tx: OrgTransaction, email: EmailStatus): Promise<void> {
  const addresses = [...new Set(email.recipients.map((address) => address.toLowerCase()))];
  const { contactsByAddress } = await lookupAddresses(tx, addresses, []);
  const at = new Date(email.occurredAt);
  for (const address of addresses)
    for (const { contactId, companyId } of contactsByAddress.get(address) ?? []) {
      const contact = await tx.crmContact.findUniqueOrThrow({
        where: { id: contactId },
        select: { name: true, email: true, emailBouncedAt: true },
      });
      await showStatus(tx, email, { contactId, companyId, address, name: contact.name }, at);
      if (contact.email?.toLowerCase() !== address) continue;
      if (isHardBounce(email) && !(contact.emailBouncedAt && contact.emailBouncedAt > at)) {
        await tx.crmContact.update({
          where: { id: contactId },
          data: { emailBouncedAt: at, emailBounceReason: email.reason },
        });
        await endBouncedEnrollments(tx, { contactId }, { at, reason: email.reason });
      }
      if (email.status === 'delivered' && contact.emailBouncedAt && contact.emailBouncedAt < at)
        await tx.crmContact.update({
          where: { id: contactId },
          data: { emailBouncedAt: null, emailBounceReason: null },
        });
    }
}

async function showStatus(
  tx: OrgTransaction,
  email: EmailStatus,
  recipient: { contactId: string; companyId: string; address: string; name: string },
  at: Date,
): Promise<void> {
  const sourceKey = `email-status:${email.messageId}:${recipient.contactId}`;
  const title = statusTitle(email, `${recipient.name} <${recipient.address}>`);
  const detail = {
    messageId: email.messageId,
    provider: email.provider,
    address: recipient.address,
    status: email.status,
    permanent: email.permanent,
    reason: email.reason,
    subject: email.subject ?? null,
    statusAt: email.occurredAt,
  };
  const entry = await tx.crmActivity.findFirst({ where: { sourceKey }, select: { id: true, detail: true } });
  if (!entry)
    return recordActivity(tx, {
      companyId: recipient.companyId,
      contactId: recipient.contactId,
      kind: 'email.status',
      title,
      detail,
      occurredAt: at,
      sourceKey,
    });
  const shownAt = (entry.detail as { statusAt?: string }).statusAt;
  if (shownAt && new Date(shownAt) > at) return;
  await tx.crmActivity.update({ where: { id: entry.id }, data: { title, detail } });
}
