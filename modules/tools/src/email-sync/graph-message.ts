import type { syncedEmail } from '@suite/contracts';
import type { z } from 'zod';

type SyncedEmail = z.input<typeof syncedEmail>;

interface GraphRecipient {
  readonly emailAddress?: { readonly address?: string | null } | null;
}

/** The fields `$select` asks Graph for: what the timeline keeps, nothing more (no body). */
export const MESSAGE_FIELDS = [
  'subject',
  'bodyPreview',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'sentDateTime',
  'receivedDateTime',
  'conversationId',
  'webLink',
] as const;

export interface GraphMessage {
  readonly id: string;
  readonly '@removed'?: { readonly reason?: string };
  readonly subject?: string | null;
  readonly bodyPreview?: string | null;
  readonly from?: GraphRecipient | null;
  readonly toRecipients?: readonly GraphRecipient[] | null;
  readonly ccRecipients?: readonly GraphRecipient[] | null;
  readonly bccRecipients?: readonly GraphRecipient[] | null;
  readonly sentDateTime?: string | null;
  readonly receivedDateTime?: string | null;
  readonly conversationId?: string | null;
  readonly webLink?: string | null;
}

function addresses(recipients: readonly GraphRecipient[] | null | undefined): string[] {
  return (recipients ?? [])
    .map((recipient) => recipient.emailAddress?.address)
    .filter((address): address is string => !!address && address.includes('@'))
    .slice(0, 500);
}

/** A Graph message as CRM's `email.log` takes it; outbound when the synced mailbox sent it. */
export function toSyncedEmail(message: GraphMessage, mailbox: string): SyncedEmail {
  const from = message.from?.emailAddress?.address ?? undefined;
  const sentAt = message.sentDateTime ?? message.receivedDateTime ?? new Date(0).toISOString();
  return {
    messageId: message.id,
    ...(message.conversationId && { conversationId: message.conversationId }),
    subject: (message.subject ?? '').slice(0, 998),
    snippet: (message.bodyPreview ?? '').slice(0, 255),
    ...(from?.includes('@') && { from }),
    to: addresses(message.toRecipients),
    cc: addresses(message.ccRecipients),
    bcc: addresses(message.bccRecipients),
    sentAt: new Date(sentAt).toISOString(),
    direction: from?.toLowerCase() === mailbox ? 'outbound' : 'inbound',
    ...(message.webLink?.startsWith('https://') && { webLink: message.webLink }),
  };
}

export interface DeltaPage {
  readonly value: readonly GraphMessage[];
  readonly '@odata.nextLink'?: string;
  readonly '@odata.deltaLink'?: string;
}

/** A delta page split: messages to log, ids to unlink, ids Graph says changed (read again). */
export function splitPage(page: DeltaPage): {
  messages: GraphMessage[];
  deleted: string[];
  changed: string[];
} {
  const messages: GraphMessage[] = [];
  const deleted: string[] = [];
  const changed: string[] = [];
  for (const item of page.value) {
    if (!item['@removed']) messages.push(item);
    else if (item['@removed'].reason === 'changed') changed.push(item.id);
    else deleted.push(item.id);
  }
  return { messages, deleted, changed };
}
