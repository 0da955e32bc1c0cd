import { defineJob, forEachOrg } from '@suite/jobs';
import { crmEmailLogger } from '../email-sync/crm-email.client';
import { emailSyncMetrics } from '../email-sync/email-sync.metrics';
import { type ConnectionTotals, syncConnection } from '../email-sync/mailbox-sync';
import { SYNC_JOB } from '../email-sync/sync-credential.service';

/**
 * Microsoft 365 email sync: every 5 minutes, each connected mailbox folder's Graph delta since the
 * last run, matched by CRM page by page (docs/decisions/0130-m365-email-sync.md).
 */
export const m365DeltaSyncJob = defineJob({
  name: SYNC_JOB,
  schedule: '*/5 * * * *',
  leaseMs: 30 * 60_000,
  description:
    'Syncs the Inbox and Sent Items (and added folders) of each connected Microsoft 365 mailbox with Graph delta queries; CRM logs what matches a contact or company.',
  async run({ db, log, integrations }) {
    if (!integrations)
      throw new Error(
        `${SYNC_JOB} needs CRM's integration API: it runs inside \`suite start\`, not from the CLI`,
      );
    const sum: ConnectionTotals = { folders: 0, failed: 0, pages: 0, seen: 0, matched: 0 };
    await forEachOrg(db, async (org) => {
      const connections = await org.transaction((tx) =>
        tx.toolsConnection.findMany({
          where: { provider: 'microsoft365', health: { not: 'error' } },
          select: { id: true },
        }),
      );
      if (!connections.length) return;
      const logPage = crmEmailLogger(integrations, org.orgId);
      for (const { id } of connections) {
        // One connection that cannot start (its credential no longer opens) leaves the others running.
        const totals = await syncConnection(org, id, logPage).catch((error: unknown) => {
          log.error({ err: error, orgId: org.orgId, connectionId: id }, 'm365 connection sync failed');
          return { folders: 0, failed: 1, pages: 0, seen: 0, matched: 0 };
        });
        for (const key of Object.keys(sum) as (keyof ConnectionTotals)[]) sum[key] += totals[key];
      }
    });
    emailSyncMetrics.lastRun.setToCurrentTime();
    return `${sum.folders} folder(s), ${sum.pages} page(s), ${sum.seen} message(s) read, ${sum.matched} matched, ${sum.failed} folder(s) failed`;
  },
});
