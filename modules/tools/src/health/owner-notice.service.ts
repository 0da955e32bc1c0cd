import type { OrgTransaction } from '@suite/db';
import { findOrgOwners } from '@suite/hub-auth';
import { connectionForTool } from '../connections/connection.service';
import { providerById } from '../providers/provider-registry';
import { withCredential } from '../tools/vendor-call.service';
import type { ConnectionRow } from './connection-health.service';
import type { NotificationView } from './notification.schema';

/**
 * Tells the org's owners a connection entered Error: an in-app notice always, and an email through the
 * tool layer's own email vendor when the org has a working one (never through the broken connection).
 */
export async function notifyOwners(
  tx: OrgTransaction,
  connection: ConnectionRow,
  reason: string,
): Promise<void> {
  const vendor = providerById(connection.provider).name;
  await tellOwners(tx, {
    connectionId: connection.id,
    title: `${vendor} needs attention: its connection is in Error`,
    body: `${reason}. Work that needs ${vendor} is paused, not lost. Fix the credential under Settings → Integrations → ${vendor} and press Verify; the paused work resumes then.`,
  });
}

/**
 * An in-app notice to the org's owners, also emailed through the org's email vendor when it works (and
 * is not the connection the notice is about).
 */
export async function tellOwners(
  tx: OrgTransaction,
  notice: { connectionId: string | null; title: string; body: string },
): Promise<void> {
  const owners = await findOrgOwners(tx);
  const { title, body } = notice;
  const row = await tx.toolsNotification.create({
    data: { connectionId: notice.connectionId, title, body, recipients: owners.map((owner) => owner.id) },
  });
  const email = await connectionForTool(tx, 'send_email').catch(() => undefined);
  if (!email || email.connection.id === notice.connectionId || email.connection.health === 'error') return;
  const send = email.provider.tools.send_email;
  if (!send) return;
  let emailed = 0;
  for (const owner of owners) {
    const purpose = {
      actorType: 'system',
      actorId: 'tools.owner-notice',
      purpose: 'send_email',
      requestId: row.id,
    } as const;
    const sent = await withCredential(
      tx,
      email.connection,
      email.provider,
      purpose,
      `owner-notice:${row.id}:${owner.id}`,
      (call) => send(call, { to: owner.email, subject: title, text: body }),
    ).then(
      () => true,
      () => false,
    );
    if (sent) emailed++;
  }
  await tx.toolsNotification.update({ where: { id: row.id }, data: { emailed } });
}

export async function listNotifications(tx: OrgTransaction): Promise<NotificationView[]> {
  const rows = await tx.toolsNotification.findMany({ orderBy: { createdAt: 'desc' }, take: 50 });
  return rows.map((row) => ({
    id: row.id,
    connectionId: row.connectionId,
    title: row.title,
    body: row.body,
    emailed: row.emailed,
    createdAt: row.createdAt.toISOString(),
  }));
}
