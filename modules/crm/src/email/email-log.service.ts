import type { OrgTransaction, Prisma } from '@suite/db';
import { stopRepliedSequences } from '../sequences/sequence-reply.service';
import type { EmailLogInput, EmailLogResult, SyncedEmail } from './email-log.schema';
import { lookupAddresses } from './email-lookup.service';
import { companyDomainCandidate, externalParticipants, matchMessage } from './email-match';

/** One timeline entry per (message, company): the key a resync or a retried page finds again. */
function emailSourceKey(messageId: string, companyId: string): string {
  return `email:${messageId}:${companyId}`;
}

function emailTitle(message: SyncedEmail): string {
  const subject = message.subject || '(no subject)';
  return message.direction === 'inbound' ? `Email received: ${subject}` : `Email sent: ${subject}`;
}

/** What the timeline keeps of a message (the README's privacy list): never the body, never bcc. */
function emailDetail(
  message: SyncedEmail,
  mailbox: string,
  contactIds: readonly string[],
): Prisma.InputJsonObject {
  return {
    messageId: message.messageId,
    conversationId: message.conversationId ?? null,
    subject: message.subject,
    snippet: message.snippet,
    from: message.from ?? null,
    to: [...message.to],
    cc: [...message.cc],
    direction: message.direction,
    mailbox,
    webLink: message.webLink ?? null,
    contactIds: [...contactIds],
  };
}

async function orgDomains(tx: OrgTransaction): Promise<Set<string>> {
  const settings = await tx.crmSettings.findFirst({ select: { ownDomains: true } });
  return new Set((settings?.ownDomains ?? []).map((domain) => domain.toLowerCase()));
}

/**
 * The email sync's page (crm:email.log): matches every message against contacts and companies in
 * one batch, logs each matched message once per company, removes what Graph reported deleted, and
 * ends the sequences a contact replied to. Unmatched messages leave no trace.
 */
export async function logSyncedEmail(tx: OrgTransaction, input: EmailLogInput): Promise<EmailLogResult> {
  const internal = {
    staffAddresses: new Set([input.mailbox, ...input.staffAddresses].map((address) => address.toLowerCase())),
    ownDomains: await orgDomains(tx),
  };
  const removed = input.removed.length
    ? (
        await tx.crmActivity.deleteMany({
          where: { OR: input.removed.map((id) => ({ sourceKey: { startsWith: `email:${id}:` } })) },
        })
      ).count
    : 0;
  const external = input.messages.map((message) => externalParticipants(message, internal));
  const addresses = [...new Set(external.flat())];
  const domains = [
    ...new Set(addresses.map(companyDomainCandidate).filter((domain): domain is string => !!domain)),
  ];
  const lookup = await lookupAddresses(tx, addresses, domains);
  const entries: Prisma.CrmActivityCreateManyInput[] = [];
  const replies: { message: SyncedEmail; contactIds: readonly string[] }[] = [];
  let matched = 0;
  input.messages.forEach((message, index) => {
    const match = matchMessage(external[index] ?? [], lookup);
    if (!match.companies.size) return;
    matched += 1;
    const senders = message.from && lookup.contactsByAddress.get(message.from.toLowerCase());
    if (message.direction === 'inbound' && senders)
      replies.push({ message, contactIds: senders.map((sender) => sender.contactId) });
    for (const [companyId, contactIds] of match.companies)
      entries.push({
        companyId,
        kind: 'email',
        title: emailTitle(message),
        detail: emailDetail(message, input.mailbox, contactIds),
        occurredAt: new Date(message.sentAt),
        sourceKey: emailSourceKey(message.messageId, companyId),
      });
  });
  const logged = entries.length
    ? (await tx.crmActivity.createMany({ data: entries, skipDuplicates: true })).count
    : 0;
  const repliesStopped = await stopRepliedSequences(tx, replies);
  return { matched, logged, removed, repliesStopped };
}
