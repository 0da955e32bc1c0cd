import { ErrorNote } from '@suite/console/feedback';
import type { FormEvent } from 'react';
import { api } from '../api/client';
import { LoadedList } from '../loaded-list';
import { useClientAction, useClientLoad } from '../use-client';

const STATUS = { new: 'New', in_progress: 'In progress', waiting: 'Waiting', closed: 'Closed' } as const;

/** The company's support tickets at the MSP, and a form to open one. */
export function TicketsPage() {
  const tickets = useClientLoad(() => api.tickets.list.query(), 'tickets');
  const action = useClientAction();
  const open = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const priority = data.get('priority') === 'high' ? 'high' : 'normal';
    const opened = await action.run(() =>
      api.tickets.open.mutate({ subject: String(data.get('subject') ?? ''), priority }),
    );
    if (!opened) return;
    form.reset();
    tickets.reload();
  };
  return (
    <section aria-labelledby="tickets">
      <h1 id="tickets">Tickets</h1>
      <form onSubmit={open} aria-label="Open a ticket">
        <fieldset>
          <legend>Open a ticket</legend>
          <label>
            What do you need help with?
            <input name="subject" required maxLength={300} />
          </label>
          <label>
            <input type="checkbox" name="priority" value="high" />
            It stops our work
          </label>
        </fieldset>
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'Opening…' : 'Open the ticket'}
        </button>
        <ErrorNote error={action.error} />
      </form>
      <LoadedList loaded={tickets} empty="No tickets yet.">
        {(list) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.map((ticket) => (
                <tr key={ticket.ticketId}>
                  <td>#{ticket.number}</td>
                  <td>{ticket.subject}</td>
                  <td>{STATUS[ticket.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedList>
    </section>
  );
}
