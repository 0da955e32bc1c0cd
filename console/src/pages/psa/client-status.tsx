import { type FormEvent, useId } from 'react';
import { psa } from '../../api/trpc.client';
import { ErrorNote } from '../../ui/feedback';
import { useAction } from '../../ui/use-load';

const STATUSES = ['active', 'on_hold', 'churned'] as const;

/** A status change reaches CRM over the bus: the company's status follows (churned, active). */
export function ClientStatus({
  clientId,
  status,
  onDone,
}: {
  clientId: string;
  status: string;
  onDone: () => void;
}) {
  const id = useId();
  const action = useAction();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = String(new FormData(event.currentTarget).get('status')) as (typeof STATUSES)[number];
    if (await action.run(() => psa.clients.setStatus.mutate({ clientId, status: next }))) onDone();
  };
  return (
    <form className="row" onSubmit={onSubmit}>
      <label htmlFor={id}>Client status</label>
      <select id={id} name="status" defaultValue={status}>
        {STATUSES.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Saving…' : 'Change status'}
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}
