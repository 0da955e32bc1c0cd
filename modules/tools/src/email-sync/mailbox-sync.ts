import type { OrgScope } from '@suite/db';
import { graphClient } from '../providers/microsoft365/graph-client';
import { graphTokenSource } from '../providers/microsoft365/msal-app';
import { sealedProviderCache } from '../vault/provider-cache.service';
import { syncFolder } from './delta-round';
import { emailSyncMetrics } from './email-sync.metrics';
import type { EmailPageLogger, SyncSession } from './email-sync.schema';
import { MailboxGate } from './mailbox-gate';
import { folderFailed, syncCredential, syncSucceeded } from './sync-credential.service';

export interface ConnectionTotals {
  folders: number;
  failed: number;
  pages: number;
  seen: number;
  matched: number;
}

/** Mailboxes synced side by side; each has its own gate, so one throttled mailbox holds only itself. */
const MAILBOXES_AT_ONCE = 4;

async function inBatches<T>(
  items: readonly T[],
  size: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < items.length; start += size)
    await Promise.all(items.slice(start, start + size).map(fn));
}

/** One connection's run: every mailbox and folder on its list, each folder failing on its own. */
export async function syncConnection(
  org: OrgScope,
  connectionId: string,
  logPage: EmailPageLogger,
): Promise<ConnectionTotals> {
  const totals: ConnectionTotals = { folders: 0, failed: 0, pages: 0, seen: 0, matched: 0 };
  const opened = await org.transaction((tx) => syncCredential(tx, connectionId));
  if (!opened) return totals;
  const { credential, settings } = opened;
  const cache = {
    load: () =>
      org.transaction((tx) => sealedProviderCache(tx, { orgId: org.orgId, id: connectionId }).load()),
    save: (text: string) =>
      org.transaction((tx) => sealedProviderCache(tx, { orgId: org.orgId, id: connectionId }).save(text)),
  };
  const gates = new Map(settings.mailboxes.map((mailbox) => [mailbox.address, new MailboxGate()]));
  const session: SyncSession = {
    org,
    connectionId,
    settings,
    client: graphClient(settings, graphTokenSource(credential, settings, cache)),
    logPage,
    gateOf: (mailbox) => gates.get(mailbox) ?? new MailboxGate(),
  };
  await inBatches(settings.mailboxes, MAILBOXES_AT_ONCE, async ({ address, folders }) => {
    await Promise.all(
      folders.map(async (folder) => {
        totals.folders += 1;
        try {
          const done = await syncFolder(session, address, folder);
          totals.pages += done.pages;
          totals.seen += done.seen;
          totals.matched += done.matched;
        } catch (error) {
          totals.failed += 1;
          emailSyncMetrics.failures.inc();
          await org.transaction((tx) => folderFailed(tx, { connectionId, mailbox: address, folder }, error));
        }
      }),
    );
  });
  if (!totals.failed) await org.transaction((tx) => syncSucceeded(tx, connectionId));
  return totals;
}
