import type { PersonToErase } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { connectionOf } from '../connections/connection.service';
import { m365Settings } from '../providers/microsoft365/microsoft365.settings';
import type { ErasureStep } from './forget.schema';

const STEP = 'own mailbox';

/**
 * The only upstream access tied to one person: their mailbox in the org's Microsoft 365 sync. Connections
 * are the org's (its own OAuth apps and keys), so no token is revoked; the mailbox leaves the synced
 * list and its Graph delta links (the change tokens Graph issued for it) are dropped, so nothing of it
 * is read again.
 */
export async function unlinkOwnMailbox(tx: OrgTransaction, { email }: PersonToErase): Promise<ErasureStep> {
  const connection = email ? await connectionOf(tx, 'microsoft365') : null;
  const settings = connection && m365Settings.safeParse(connection.settings);
  const mailboxes = settings?.success ? settings.data.mailboxes : [];
  const cursors = connection
    ? (await tx.toolsMailFolderCursor.deleteMany({ where: { connectionId: connection.id, mailbox: email } }))
        .count
    : 0;
  const kept = mailboxes.filter((mailbox) => mailbox.address !== email);
  if (connection && settings?.success && kept.length < mailboxes.length)
    await tx.toolsConnection.update({
      where: { id: connection.id },
      data: { settings: { ...(connection.settings as object), mailboxes: kept } },
    });
  if (kept.length === mailboxes.length && cursors === 0)
    return { step: STEP, outcome: 'nothing_found', detail: 'the person has no synced mailbox' };
  return {
    step: STEP,
    outcome: 'done',
    detail: `mailbox removed from the Microsoft 365 sync, ${cursors} delta link(s) dropped`,
  };
}
