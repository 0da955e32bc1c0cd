import { DeltaExpired, graphCall, preferHeader } from '../providers/microsoft365/graph-client';
import { VendorError } from '../providers/vendor-error';
import { emailSyncMetrics } from './email-sync.metrics';
import type { FolderTotals, SyncSession } from './email-sync.schema';
import { type DeltaPage, type GraphMessage, MESSAGE_FIELDS, splitPage, toSyncedEmail } from './graph-message';
import { commitPage, openCursor, restartSnapshot } from './mail-cursor.service';

/** Throttled or unavailable answers waited out per request before the folder gives up until next slot. */
const MAX_WAITS = 6;

function userPath(session: SyncSession, mailbox: string): string {
  return `${session.settings.graphBaseUrl.replace(/\/$/, '')}/v1.0/users/${encodeURIComponent(mailbox)}`;
}

function firstDeltaUrl(session: SyncSession, mailbox: string, folder: string): string {
  return `${userPath(session, mailbox)}/mailFolders/${encodeURIComponent(folder)}/messages/delta?$select=${MESSAGE_FIELDS.join(',')}`;
}

/** A Graph GET through the mailbox's gate; 429 and 503 pause this mailbox for Retry-After and retry. */
async function graphGet<T>(session: SyncSession, mailbox: string, url: string): Promise<T> {
  const gate = session.gateOf(mailbox);
  for (let attempt = 1; ; attempt++) {
    try {
      return await gate.run(() =>
        graphCall(
          () => session.client.api(url).header('Prefer', preferHeader(session.settings)).get() as Promise<T>,
          mailbox,
        ),
      );
    } catch (error) {
      const waitable =
        error instanceof VendorError && (error.failure === 'rate_limited' || error.failure === 'unavailable');
      if (!waitable || attempt >= MAX_WAITS) throw error;
      emailSyncMetrics.throttled.inc({ status: String(error.details.status ?? 'network') });
      gate.pause(error.details.retryAfterSeconds ?? 2 ** attempt);
    }
  }
}

/** Messages Graph reported `changed` are read again; one gone meanwhile counts as deleted. */
async function reread(session: SyncSession, mailbox: string, ids: readonly string[]) {
  const found: GraphMessage[] = [];
  const gone: string[] = [];
  for (const id of ids) {
    const url = `${userPath(session, mailbox)}/messages/${encodeURIComponent(id)}?$select=${MESSAGE_FIELDS.join(',')}`;
    try {
      found.push(await graphGet<GraphMessage>(session, mailbox, url));
    } catch (error) {
      if (!(error instanceof VendorError && error.details.status === 404)) throw error;
      gone.push(id);
    }
  }
  return { found, gone };
}

/**
 * One folder's delta round: from the stored link (mid-round next link, else the delta link, else a
 * fresh snapshot) to a new delta link. Each page goes to CRM first, then its link is committed, so a
 * crash between the two re-reads that page and CRM's per-message keys keep it from doubling.
 */
export async function syncFolder(
  session: SyncSession,
  mailbox: string,
  folder: string,
): Promise<FolderTotals> {
  const key = { connectionId: session.connectionId, mailbox, folder };
  const cursor = await session.org.transaction((tx) => openCursor(tx, key));
  const totals: FolderTotals = { pages: 0, seen: 0, matched: 0, resynced: false };
  const staffAddresses = session.settings.mailboxes.map((box) => box.address);
  let url = cursor.nextLink ?? cursor.deltaLink ?? firstDeltaUrl(session, mailbox, folder);
  for (;;) {
    let page: DeltaPage;
    try {
      page = await graphGet<DeltaPage>(session, mailbox, url);
    } catch (error) {
      if (!(error instanceof DeltaExpired) || totals.resynced) throw error;
      // 410 / SyncStateNotFound: a fresh snapshot; CRM keys entries by immutable id, so nothing doubles.
      totals.resynced = true;
      emailSyncMetrics.resyncs.inc();
      await session.org.transaction((tx) => restartSnapshot(tx, key));
      url = firstDeltaUrl(session, mailbox, folder);
      continue;
    }
    const { messages, deleted, changed } = splitPage(page);
    const changedAgain = await reread(session, mailbox, changed);
    const current = [...messages, ...changedAgain.found];
    const logged = await session.logPage({
      mailbox,
      staffAddresses,
      messages: current.map((message) => toSyncedEmail(message, mailbox)),
      removed: [...deleted, ...changedAgain.gone],
    });
    const nextLink = page['@odata.nextLink'];
    const deltaLink = page['@odata.deltaLink'];
    await session.org.transaction((tx) =>
      commitPage(tx, key, { nextLink, deltaLink, seen: current.length, matched: logged.matched }),
    );
    totals.pages += 1;
    totals.seen += current.length;
    totals.matched += logged.matched;
    emailSyncMetrics.pages.inc();
    emailSyncMetrics.messages.inc({ outcome: 'matched' }, logged.matched);
    emailSyncMetrics.messages.inc({ outcome: 'unmatched' }, current.length - logged.matched);
    emailSyncMetrics.messages.inc({ outcome: 'removed' }, logged.removed);
    if (!nextLink) return totals;
    url = nextLink;
  }
}
