import type { OrgTransaction } from '@suite/db';
import type { FolderStatus, ResyncInput } from './email-sync.schema';

export interface FolderKey {
  readonly connectionId: string;
  readonly mailbox: string;
  readonly folder: string;
}

export interface CursorStart {
  readonly nextLink: string | null;
  readonly deltaLink: string | null;
}

export interface CommittedPage {
  readonly nextLink: string | undefined;
  readonly deltaLink: string | undefined;
  readonly seen: number;
  readonly matched: number;
}

const byKey = (key: FolderKey) => ({ connectionId_mailbox_folder: key });

/** The folder's stored position (created on its first round). */
export async function openCursor(tx: OrgTransaction, key: FolderKey): Promise<CursorStart> {
  return tx.toolsMailFolderCursor.upsert({
    where: byKey(key),
    create: key,
    update: {},
    select: { nextLink: true, deltaLink: true },
  });
}

/** After CRM has the page: the next link (or the round's new delta link) becomes the folder's position. */
export async function commitPage(tx: OrgTransaction, key: FolderKey, page: CommittedPage): Promise<void> {
  const now = new Date();
  await tx.toolsMailFolderCursor.update({
    where: byKey(key),
    data: {
      nextLink: page.nextLink ?? null,
      ...(page.deltaLink && { deltaLink: page.deltaLink, cursorAt: now, lastSyncAt: now }),
      messagesSeen: { increment: page.seen },
      messagesMatched: { increment: page.matched },
      failureStreak: 0,
      lastError: null,
    },
  });
}

/** Forgets the folder's links: its next round is a fresh snapshot (410, or an operator's resync). */
export async function restartSnapshot(tx: OrgTransaction, key: FolderKey): Promise<void> {
  await tx.toolsMailFolderCursor.update({
    where: byKey(key),
    data: { deltaLink: null, nextLink: null, resyncs: { increment: 1 } },
  });
}

/** A failed round: kept on the folder; returns how many rounds in a row failed. */
export async function recordFolderFailure(
  tx: OrgTransaction,
  key: FolderKey,
  message: string,
): Promise<number> {
  const row = await tx.toolsMailFolderCursor.update({
    where: byKey(key),
    data: { failureStreak: { increment: 1 }, lastError: message, lastErrorAt: new Date() },
    select: { failureStreak: true },
  });
  return row.failureStreak;
}

/** `suite m365 status`: every synced folder of the org. */
export async function folderStatuses(tx: OrgTransaction, now = new Date()): Promise<FolderStatus[]> {
  const rows = await tx.toolsMailFolderCursor.findMany({ orderBy: [{ mailbox: 'asc' }, { folder: 'asc' }] });
  return rows.map((row) => ({
    connectionId: row.connectionId,
    mailbox: row.mailbox,
    folder: row.folder,
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    cursorAgeSeconds: row.cursorAt ? Math.round((now.getTime() - row.cursorAt.getTime()) / 1000) : null,
    messagesSeen: row.messagesSeen,
    messagesMatched: row.messagesMatched,
    resyncs: row.resyncs,
    failureStreak: row.failureStreak,
    lastError: row.lastError,
  }));
}

/** `suite m365 resync`: the mailbox's folders (or one) start a fresh snapshot on the next slot. */
export async function requestResync(tx: OrgTransaction, input: ResyncInput): Promise<number> {
  const { count } = await tx.toolsMailFolderCursor.updateMany({
    where: { mailbox: input.mailbox, ...(input.folder && { folder: input.folder }) },
    data: { deltaLink: null, nextLink: null, resyncs: { increment: 1 } },
  });
  return count;
}
