import type { Client } from '@microsoft/microsoft-graph-client';
import { type emailLog, text } from '@suite/contracts';
import type { OrgScope } from '@suite/db';
import { z } from 'zod';
import type { M365Settings } from '../providers/microsoft365/microsoft365.settings';
import type { MailboxGate } from './mailbox-gate';

export type EmailLogInput = z.input<typeof emailLog.input>;
export type EmailLogResult = z.infer<typeof emailLog.output>;

/** CRM's `email.log` for the org: where a synced page goes to be matched (one call per page). */
export type EmailPageLogger = (page: EmailLogInput) => Promise<EmailLogResult>;

/** What a connection's sync holds for its length: Graph, the gates, where pages go. */
export interface SyncSession {
  readonly org: OrgScope;
  readonly connectionId: string;
  readonly settings: M365Settings;
  readonly client: Client;
  readonly logPage: EmailPageLogger;
  readonly gateOf: (mailbox: string) => MailboxGate;
}

export interface FolderTotals {
  pages: number;
  seen: number;
  matched: number;
  resynced: boolean;
}

export const resyncInput = z.object({
  mailbox: z.email('expected the mailbox address').transform((address) => address.toLowerCase()),
  folder: text(200, { min: 1 })
    .optional()
    .describe('One folder (inbox, sentitems, or a folder id); all by default.'),
});
export type ResyncInput = z.infer<typeof resyncInput>;

export const folderStatus = z.object({
  connectionId: z.string(),
  mailbox: z.string(),
  folder: z.string(),
  lastSyncAt: z.string().nullable(),
  cursorAgeSeconds: z.number().int().nullable(),
  messagesSeen: z.number().int(),
  messagesMatched: z.number().int(),
  resyncs: z.number().int(),
  failureStreak: z.number().int().describe('Rounds in a row that failed; 0 when the last one went through.'),
  lastError: z.string().nullable(),
});
export type FolderStatus = z.infer<typeof folderStatus>;

export const resyncView = z.object({
  folders: z
    .number()
    .int()
    .describe('How many folders start a fresh snapshot on the next sync (0: none synced yet).'),
});
