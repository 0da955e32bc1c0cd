import { type FormEvent, useId, useState } from 'react';
import { psa } from '../../api/trpc.client';
import { ErrorNote, Loading } from '../../ui/feedback';
import { money } from '../../ui/money';
import { useAction, useLoad } from '../../ui/use-load';

type Added = Awaited<ReturnType<typeof psa.clients.addService.mutate>>;

/** Adds a catalog service; with "quote it", CRM creates the quote first (flow 6: quick quotes). */
export function AddService({ clientId }: { clientId: string }) {
  const id = useId();
  const services = useLoad(() => psa.services.list.query(), 'services');
  const action = useAction();
  const [added, setAdded] = useState<Added>();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await action.run(() =>
      psa.clients.addService.mutate({
        clientId,
        serviceCode: String(form.get('serviceCode')),
        quantity: Number(form.get('quantity')),
        createQuote: form.get('createQuote') === 'on',
      }),
    );
    if (result) setAdded(result);
  };
  return (
    <Loading loaded={services}>
      {(list) =>
        list.length === 0 ? (
          <p>The service catalog is empty.</p>
        ) : (
          <form className="stack" onSubmit={onSubmit}>
            <label htmlFor={`${id}-service`}>Service</label>
            <select id={`${id}-service`} name="serviceCode">
              {list.map((service) => (
                <option key={service.id} value={service.code}>
                  {service.name} ({service.code})
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-quantity`}>Quantity</label>
            <input id={`${id}-quantity`} name="quantity" type="number" min="1" defaultValue="1" required />
            <div className="row">
              <input id={`${id}-quote`} name="createQuote" type="checkbox" defaultChecked />
              <label htmlFor={`${id}-quote`}>Create a CRM quote</label>
            </div>
            <button type="submit" disabled={action.busy}>
              {action.busy ? 'Adding…' : 'Add Service'}
            </button>
            <ErrorNote error={action.error} />
            {added && (
              <p role="status">
                Added {added.quantity} × {added.serviceCode}
                {added.quote &&
                  `; CRM quote ${added.quote.number} for ${money(added.quote.total, added.quote.currency)}`}
                .
              </p>
            )}
          </form>
        )
      }
    </Loading>
  );
}
