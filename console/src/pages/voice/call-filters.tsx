import { type FormEvent, useId } from 'react';

export interface CallFilter {
  readonly direction?: 'inbound' | 'outbound';
  readonly outcome?: 'completed' | 'busy' | 'no_answer' | 'failed' | 'canceled';
  readonly since?: string;
  readonly before?: string;
  readonly contactId?: string;
}

const OUTCOMES = [
  ['completed', 'Completed'],
  ['busy', 'Busy'],
  ['no_answer', 'No answer'],
  ['failed', 'Failed'],
  ['canceled', 'Canceled'],
] as const;

/** Midnight at the start of a `YYYY-MM-DD` day in the user's zone, `days` later, as an instant. */
const dayStart = (day: string, days = 0) => {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(year, month - 1, date + days).toISOString();
};
const optional = (value: FormDataEntryValue | null) => (value ? String(value) : undefined);

/** Direction, outcome and a range of days (both ends included, in the user's zone). */
export function CallFilters({
  contactId,
  onApply,
}: {
  contactId: string | undefined;
  onApply: (filter: CallFilter) => void;
}) {
  const id = useId();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = optional(form.get('from'));
    const to = optional(form.get('to'));
    onApply({
      direction: optional(form.get('direction')) as CallFilter['direction'],
      outcome: optional(form.get('outcome')) as CallFilter['outcome'],
      since: from && dayStart(from),
      before: to && dayStart(to, 1),
      contactId,
    });
  };
  return (
    <form className="row" onSubmit={onSubmit} aria-label="Filter calls">
      <label htmlFor={`${id}-direction`}>Direction</label>
      <select id={`${id}-direction`} name="direction">
        <option value="">Any</option>
        <option value="inbound">Inbound</option>
        <option value="outbound">Outbound</option>
      </select>
      <label htmlFor={`${id}-outcome`}>Outcome</label>
      <select id={`${id}-outcome`} name="outcome">
        <option value="">Any</option>
        {OUTCOMES.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-from`}>From</label>
      <input id={`${id}-from`} name="from" type="date" />
      <label htmlFor={`${id}-to`}>To</label>
      <input id={`${id}-to`} name="to" type="date" />
      <button type="submit">Filter</button>
    </form>
  );
}
