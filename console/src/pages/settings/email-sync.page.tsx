import { tools } from '../../api/trpc.client';
import { Link } from '../../shell/router';
import { useCan } from '../../shell/session.context';
import { ActionButton } from '../../ui/action-button';
import { Loading, Time } from '../../ui/feedback';
import { usePage } from '../../ui/pager';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-load';

type Folder = Awaited<ReturnType<typeof tools.emailSync.status.query>>[number];

function SyncState({ folder }: { folder: Folder }) {
  if (folder.failureStreak === 0) return <span className="pill pill-connected">OK</span>;
  return (
    <span className="pill pill-line pill-error">
      Failing ({folder.failureStreak} in a row): {folder.lastError}
    </span>
  );
}

/** A resync button on the mailbox's first folder row: it restarts every folder of the mailbox. */
function Resync({ mailbox, onDone }: { mailbox: string; onDone: () => void }) {
  return (
    <ActionButton
      label="Resync"
      busyLabel="Requesting…"
      ariaLabel={`Resync ${mailbox}`}
      run={() => tools.emailSync.resync.mutate({ mailbox })}
      onDone={onDone}
    />
  );
}

function FolderTable({ folders, onChange }: { folders: readonly Folder[]; onChange: () => void }) {
  const canManage = useCan()('tools.connections.manage');
  const { rows, pager } = usePage(folders);
  if (folders.length === 0)
    return (
      <p>
        No mailbox has synced yet. Connect Microsoft 365 with its mailboxes in{' '}
        <Link href="/settings/integrations">Integrations</Link>; the sync runs every 5 minutes.
      </p>
    );
  const headers = ['Mailbox', 'Folder', 'Last sync', 'Read', 'Matched', 'Resyncs', 'State'];
  return (
    <>
      <Table label="Synced mailboxes" headers={canManage ? [...headers, 'Resync'] : headers}>
        {rows.map((folder, index) => (
          <tr key={`${folder.mailbox} ${folder.folder}`}>
            <td>{folder.mailbox}</td>
            <td>{folder.folder}</td>
            <td>
              <Time at={folder.lastSyncAt} />
            </td>
            <td>{folder.messagesSeen}</td>
            <td>{folder.messagesMatched}</td>
            <td>{folder.resyncs}</td>
            <td>
              <SyncState folder={folder} />
            </td>
            {canManage && (
              <td>
                {rows[index - 1]?.mailbox !== folder.mailbox && (
                  <Resync mailbox={folder.mailbox} onDone={onChange} />
                )}
              </td>
            )}
          </tr>
        ))}
      </Table>
      {pager}
    </>
  );
}

export function EmailSyncPage() {
  const folders = useLoad(() => tools.emailSync.status.query(), 'email-sync');
  return (
    <section>
      <h1>Email sync</h1>
      <p>
        Microsoft 365 mailboxes whose mail is logged on CRM timelines. Resync starts a fresh snapshot on the
        next sync; nothing is logged twice.
      </p>
      <Loading loaded={folders}>{(list) => <FolderTable folders={list} onChange={folders.reload} />}</Loading>
    </section>
  );
}
