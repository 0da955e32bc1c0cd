import { type FormEvent, useId } from 'react';
import { tools } from '../../api/trpc.client';
import { ErrorNote, Loading } from '../../ui/feedback';
import { useAction, useLoad } from '../../ui/use-load';

export type CreatedEndpoint = Awaited<ReturnType<typeof tools.webhookEndpoints.create.mutate>>;
type Endpoint = Awaited<ReturnType<typeof tools.webhookEndpoints.list.query>>[number];

interface EndpointValues {
  readonly url: string;
  readonly eventTypes: string[];
}

interface EndpointFormProps<T> {
  readonly title: string;
  readonly submitLabel: string;
  readonly busyLabel: string;
  /** The endpoint being edited; none when adding. */
  readonly endpoint?: Endpoint;
  readonly save: (values: EndpointValues) => Promise<T>;
  readonly onSaved: (saved: T) => void;
  readonly onCancel?: () => void;
}

/** The receiver's URL and the bus event types it wants, from the catalog: to add or to edit. */
function EndpointForm<T>({
  title,
  submitLabel,
  busyLabel,
  endpoint,
  save,
  onSaved,
  onCancel,
}: EndpointFormProps<T>) {
  const id = useId();
  const action = useAction();
  const types = useLoad(() => tools.webhookEndpoints.eventTypes.query(), 'event-types');
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const saved = await action.run(() =>
      save({ url: String(data.get('url')), eventTypes: data.getAll('eventTypes').map(String) }),
    );
    if (saved !== undefined) {
      form.reset();
      onSaved(saved);
    }
  };
  return (
    <form className="stack wide" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <label htmlFor={`${id}-url`}>Endpoint URL</label>
      <input
        id={`${id}-url`}
        name="url"
        required
        placeholder="https://example.com/webhooks"
        defaultValue={endpoint?.url}
      />
      <fieldset>
        <legend>Event types</legend>
        <Loading loaded={types}>
          {(list) => (
            <div className="choices">
              {list.map((type) => (
                <label key={type.type} title={type.description}>
                  <input
                    type="checkbox"
                    name="eventTypes"
                    value={type.type}
                    defaultChecked={endpoint?.eventTypes.includes(type.type)}
                  />{' '}
                  <code>{type.type}</code>
                </label>
              ))}
            </div>
          )}
        </Loading>
      </fieldset>
      <div className="row">
        <button type="submit" disabled={action.busy}>
          {action.busy ? busyLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <ErrorNote error={action.error} />
    </form>
  );
}

export function AddEndpoint({ onCreated }: { onCreated: (created: CreatedEndpoint) => void }) {
  return (
    <EndpointForm
      title="Add an endpoint"
      submitLabel="Add endpoint"
      busyLabel="Adding…"
      save={(values) => tools.webhookEndpoints.create.mutate(values)}
      onSaved={onCreated}
    />
  );
}

/** Edit: a new URL or other event types; the secret and the log stay. */
export function EditEndpoint({
  endpoint,
  onSaved,
  onCancel,
}: {
  endpoint: Endpoint;
  onSaved: () => void;
  onCancel: () => void;
}) {
  return (
    <EndpointForm
      title={`Edit ${endpoint.url}`}
      submitLabel="Save changes"
      busyLabel="Saving…"
      endpoint={endpoint}
      save={(values) => tools.webhookEndpoints.update.mutate({ endpointId: endpoint.id, ...values })}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}
