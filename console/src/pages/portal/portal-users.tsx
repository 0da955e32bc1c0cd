import { useState } from 'react';
import { portal } from '../../api/trpc.client';
import { ActionButton } from '../../ui/action-button';
import { Loading, Time } from '../../ui/feedback';
import { OneFieldForm } from '../../ui/one-field-form';
import { usePage } from '../../ui/pager';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-load';
import type { PortalUserView } from './portal-view';

const PILL: Record<PortalUserView['state'], string> = {
  invited: 'pill-warning',
  active: 'pill-connected',
  revoked: 'pill-error',
};

interface UserActionsProps {
  readonly portalId: string;
  readonly user: PortalUserView;
  readonly onInvited: (email: string, restored: boolean) => void;
  readonly onRevoked: () => void;
}

/** Inviting again keeps the same user and sends the email again; for a revoked user it restores access. */
function UserActions({ portalId, user, onInvited, onRevoked }: UserActionsProps) {
  const invite = () => portal.users.invite.mutate({ portalId, email: user.email });
  if (user.state === 'revoked')
    return (
      <ActionButton
        label="Restore (re-invite)"
        busyLabel="Restoring…"
        ariaLabel={`Restore access for ${user.email}`}
        run={invite}
        onDone={() => onInvited(user.email, true)}
      />
    );
  return (
    <div className="row">
      <ActionButton
        label="Resend invitation"
        busyLabel="Sending…"
        ariaLabel={`Resend invitation to ${user.email}`}
        run={invite}
        onDone={() => onInvited(user.email, false)}
      />
      <ActionButton
        label="Revoke access"
        busyLabel="Revoking…"
        ariaLabel={`Revoke access for ${user.email}`}
        run={async () => {
          const question = `Revoke ${user.email}'s access? They are signed out at once and cannot sign in until re-invited.`;
          if (!window.confirm(question)) return undefined;
          return portal.users.revoke.mutate({ portalUserId: user.portalUserId });
        }}
        onDone={onRevoked}
      />
    </div>
  );
}

/** The client contacts who may sign in to the portal, and those whose access was revoked. */
export function PortalUsers({ portalId }: { portalId: string }) {
  const users = useLoad(() => portal.users.list.query({ portalId }), portalId);
  const { rows, pager } = usePage(users.data ?? []);
  const [notice, setNotice] = useState<string>();
  return (
    <section aria-labelledby="portal-users">
      <h2 id="portal-users">Portal users</h2>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Loading loaded={users}>
        {(list) =>
          list.length === 0 ? (
            <p>No one is invited yet.</p>
          ) : (
            <>
              <Table label="Portal users" headers={['Name', 'Email', 'State', 'Invited', '']}>
                {rows.map((user) => (
                  <tr key={user.portalUserId}>
                    <td>{user.name}</td>
                    <td>{user.email}</td>
                    <td>
                      <span className={`pill ${PILL[user.state]}`}>{user.state}</span>
                    </td>
                    <td>
                      <Time at={user.invitedAt} />
                    </td>
                    <td>
                      <UserActions
                        portalId={portalId}
                        user={user}
                        onInvited={(email, restored) => {
                          setNotice(
                            restored ? `Access restored for ${email}.` : `Invitation sent again to ${email}.`,
                          );
                          users.reload();
                        }}
                        onRevoked={() => {
                          setNotice(`Access revoked for ${user.email}.`);
                          users.reload();
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </Table>
              {pager}
            </>
          )
        }
      </Loading>
      <OneFieldForm
        title="Invite a contact"
        label="Contact's email"
        name="email"
        type="email"
        placeholder="buyer@client.com"
        help="A CRM contact of a client company. They get an email with where to sign in."
        submitLabel="Invite"
        busyLabel="Inviting…"
        submit={(email) => portal.users.invite.mutate({ portalId, email })}
        onDone={users.reload}
      />
    </section>
  );
}
