import { type FormEvent, useId } from 'react';
import { psa } from '../../api/trpc.client';
import { useCan } from '../../shell/session.context';
import { ErrorNote, Loading, Time } from '../../ui/feedback';
import { usePage } from '../../ui/pager';
import { Table } from '../../ui/table';
import { useAction, useLoad } from '../../ui/use-load';

type Ticket = Awaited<ReturnType<typeof psa.tickets.list.query>>[number];

const OPEN_STATUSES = ['new', 'in_progress', 'waiting'] as const;

function TicketRow({ ticket, onChange }: { ticket: Ticket; onChange: () => void }) {
  const can = useCan();
  const id = useId();
  const action = useAction();
  const setStatus = async (status: (typeof OPEN_STATUSES)[number]) => {
    if (await action.run(() => psa.tickets.update.mutate({ ticketId: ticket.id, changes: { status } })))
      onChange();
  };
  const close = async () => {
    if (await action.run(() => psa.tickets.close.mutate({ ticketId: ticket.id }))) onChange();
  };
  return (
    <tr>
      <td>#{ticket.number}</td>
      <td>{ticket.subject}</td>
      <td>{ticket.priority}</td>
      <td>
        {ticket.status === 'closed' || !can('psa.tickets.write') ? (
          <>
            {ticket.status} {ticket.closedAt && <Time at={ticket.closedAt} />}
          </>
        ) : (
          <div className="row">
            <label className="sr-only" htmlFor={id}>
              Status of ticket {ticket.number}
            </label>
            <select
              id={id}
              value={ticket.status}
              disabled={action.busy}
              onChange={(event) => setStatus(event.target.value as (typeof OPEN_STATUSES)[number])}
            >
              {OPEN_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
            <button type="button" onClick={close} disabled={action.busy}>
              Close
            </button>
          </div>
        )}
        <ErrorNote error={action.error} />
      </td>
    </tr>
  );
}

function NewTicket({ clientId, onDone }: { clientId: string; onDone: () => void }) {
  const id = useId();
  const action = useAction();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const subject = String(new FormData(form).get('subject'));
    if (await action.run(() => psa.tickets.create.mutate({ clientId, subject }))) {
      form.reset();
      onDone();
    }
  };
  return (
    <form className="row" onSubmit={onSubmit}>
      <label htmlFor={id}>New ticket</label>
      <input id={id} name="subject" required />
      <button type="submit" disabled={action.busy}>
        Create
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}

function TicketTable({ tickets, onChange }: { tickets: readonly Ticket[]; onChange: () => void }) {
  const { rows, pager } = usePage(tickets);
  if (tickets.length === 0) return <p>No tickets.</p>;
  return (
    <>
      <Table label="Tickets" headers={['No.', 'Subject', 'Priority', 'Status']}>
        {rows.map((ticket) => (
          <TicketRow key={ticket.id} ticket={ticket} onChange={onChange} />
        ))}
      </Table>
      {pager}
    </>
  );
}

export function Tickets({ clientId }: { clientId: string }) {
  const can = useCan();
  const tickets = useLoad(() => psa.tickets.list.query({ clientId }), clientId);
  return (
    <>
      {can('psa.tickets.write') && <NewTicket clientId={clientId} onDone={tickets.reload} />}
      <Loading loaded={tickets}>{(list) => <TicketTable tickets={list} onChange={tickets.reload} />}</Loading>
    </>
  );
}
