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

interface EmailEntry {
  readonly companyId: string;
  readonly title: string;
  readonly detail: Prisma.InputJsonObject;
  readonly occurredAt: string;
  readonly sourceKey: string;
}

/** The page's timeline entries in one statement, in page order; an entry already there (a re-read page) is skipped. */
async function insertEmailEntries(tx: OrgTransaction, entries: readonly EmailEntry[]): Promise<number> {
  if (!entries.length) return 0;
  const column = <T>(pick: (entry: EmailEntry) => T) => entries.map(pick);
  return tx.$executeRaw`
    INSERT INTO crm.activity (id, company_id, kind, title, detail, occurred_at, source_key)
    SELECT gen_random_uuid(), e.company_id, 'email', e.title, e.detail::jsonb, e.occurred_at, e.source_key
      FROM unnest(${column((e) => e.companyId)}::uuid[], ${column((e) => e.title)}::text[],
                  ${column((e) => JSON.stringify(e.detail))}::text[], ${column((e) => e.occurredAt)}::timestamptz[],
                  ${column((e) => e.sourceKey)}::text[])
           WITH ORDINALITY AS e(company_id, title, detail, occurred_at, source_key, ord)
     ORDER BY e.ord
    ON CONFLICT (org_id, source_key) DO NOTHING`;
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
  const entries: EmailEntry[] = [];
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
        title: emailTitle(message),
        detail: emailDetail(message, input.mailbox, contactIds),
        occurredAt: message.sentAt,
        sourceKey: emailSourceKey(message.messageId, companyId),
      });
  });
  const logged = await insertEmailEntries(tx, entries);
  const repliesStopped = await stopRepliedSequences(tx, replies);
  return { matched, logged, removed, repliesStopped };
}
