import { type FormEvent, useId } from 'react';
import { tools } from '../../api/trpc.client';
import { ErrorNote, Loading } from '../../ui/feedback';
import { useAction, useLoad } from '../../ui/use-load';

export type CreatedEndpoint = Awaited<ReturnType<typeof tools.webhookEndpoints.create.mutate>>;

/** Add: the receiver's URL and the bus event types it wants, from the catalog. */
export function AddEndpoint({ onCreated }: { onCreated: (created: CreatedEndpoint) => void }) {
  const id = useId();
  const action = useAction();
  const types = useLoad(() => tools.webhookEndpoints.eventTypes.query(), 'event-types');
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const created = await action.run(() =>
      tools.webhookEndpoints.create.mutate({
        url: String(data.get('url')),
        eventTypes: data.getAll('eventTypes').map(String),
      }),
    );
    if (created) {
      form.reset();
      onCreated(created);
    }
  };
  return (
    <form className="stack wide" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add an endpoint</h2>
      <label htmlFor={`${id}-url`}>Endpoint URL</label>
      <input id={`${id}-url`} name="url" required placeholder="https://example.com/webhooks" />
      <fieldset>
        <legend>Event types</legend>
        <Loading loaded={types}>
          {(list) => (
            <div className="choices">
              {list.map((type) => (
                <label key={type.type} title={type.description}>
                  <input type="checkbox" name="eventTypes" value={type.type} /> <code>{type.type}</code>
                </label>
              ))}
            </div>
          )}
        </Loading>
      </fieldset>
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Adding…' : 'Add endpoint'}
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}
