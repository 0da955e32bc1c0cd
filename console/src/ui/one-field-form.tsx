import { type FormEvent, useId } from 'react';
import { ErrorNote } from './feedback';
import { useAction } from './use-load';

interface OneFieldFormProps {
  readonly title: string;
  readonly label: string;
  readonly name: string;
  readonly type?: 'text' | 'email';
  readonly placeholder?: string;
  /** A line under the field saying what it takes. */
  readonly help?: string;
  readonly submitLabel: string;
  readonly busyLabel: string;
  readonly submit: (value: string) => Promise<unknown>;
  readonly onDone: () => void;
}

/** A form of one required field and one call (add a domain, invite by email): emptied once it worked. */
export function OneFieldForm(props: OneFieldFormProps) {
  const id = useId();
  const action = useAction();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const value = String(new FormData(form).get(props.name));
    if ((await action.run(() => props.submit(value))) !== undefined) {
      form.reset();
      props.onDone();
    }
  };
  return (
    <form className="stack" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{props.title}</h3>
      <label htmlFor={`${id}-field`}>{props.label}</label>
      <input
        id={`${id}-field`}
        name={props.name}
        type={props.type ?? 'text'}
        required
        placeholder={props.placeholder}
        aria-describedby={props.help ? `${id}-help` : undefined}
      />
      {props.help && (
        <p id={`${id}-help`} className="muted">
          {props.help}
        </p>
      )}
      <button type="submit" disabled={action.busy}>
        {action.busy ? props.busyLabel : props.submitLabel}
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}
