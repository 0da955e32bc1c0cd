import { useState } from 'react';
import { portal } from '../../api/trpc.client';
import { ActionButton } from '../../ui/action-button';
import { Loading, Time } from '../../ui/feedback';
import { OneFieldForm } from '../../ui/one-field-form';
import { usePage } from '../../ui/pager';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-load';

/** The client contacts who may sign in to the portal. */
export function PortalUsers({ portalId }: { portalId: string }) {
  const users = useLoad(() => portal.users.list.query({ portalId }), portalId);
  const { rows, pager } = usePage(users.data ?? []);
  const [sent, setSent] = useState<string>();
  return (
    <section aria-labelledby="portal-users">
      <h2 id="portal-users">Portal users</h2>
      {sent && (
        <p className="notice" role="status">
          Invitation sent again to {sent}.
        </p>
      )}
      <Loading loaded={users}>
        {(list) =>
          list.length === 0 ? (
            <p>No one is invited yet.</p>
          ) : (
            <>
              <Table label="Portal users" headers={['Name', 'Email', 'Invited', '']}>
                {rows.map((user) => (
                  <tr key={user.portalUserId}>
                    <td>{user.name}</td>
                    <td>{user.email}</td>
                    <td>
                      <Time at={user.invitedAt} />
                    </td>
                    <td>
                      {/* Inviting again keeps the same user and sends the email again. */}
                      <ActionButton
                        label="Resend invitation"
                        busyLabel="Sending…"
                        ariaLabel={`Resend invitation to ${user.email}`}
                        run={() => portal.users.invite.mutate({ portalId, email: user.email })}
                        onDone={() => setSent(user.email)}
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
