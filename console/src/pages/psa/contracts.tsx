import { type FormEvent, useId } from 'react';
import { psa } from '../../api/trpc.client';
import { useCan } from '../../shell/session.context';
import { ActionButton } from '../../ui/action-button';
import { ErrorNote, Loading, Time } from '../../ui/feedback';
import { money } from '../../ui/money';
import { useAction, useLoad } from '../../ui/use-load';

type Contract = Awaited<ReturnType<typeof psa.contracts.list.query>>[number];

/** Amending raises CRM's e-sign addendum (the contract goes back to "sent" for signature). */
function Amend({ contract, onDone }: { contract: Contract; onDone: () => void }) {
  const id = useId();
  const action = useAction();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const changes = { monthlyValue: String(form.get('monthlyValue')), terms: String(form.get('terms')) };
    if (await action.run(() => psa.contracts.amend.mutate({ contractId: contract.id, changes }))) onDone();
  };
  return (
    <form className="stack" onSubmit={onSubmit}>
      <label htmlFor={`${id}-value`}>Monthly value ({contract.currency})</label>
      <input
        id={`${id}-value`}
        name="monthlyValue"
        defaultValue={contract.monthlyValue}
        inputMode="decimal"
      />
      <label htmlFor={`${id}-terms`}>Terms</label>
      <textarea id={`${id}-terms`} name="terms" defaultValue={contract.terms} rows={3} />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Amending…' : 'Amend and send the addendum'}
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}

function Sign({ contract, onDone }: { contract: Contract; onDone: () => void }) {
  return (
    <p>
      <ActionButton
        label={`Sign ${contract.name}`}
        busyLabel="Signing…"
        run={() => psa.contracts.sign.mutate({ contractId: contract.id })}
        onDone={onDone}
      />
    </p>
  );
}

export function Contracts({ clientId }: { clientId: string }) {
  const can = useCan();
  const contracts = useLoad(() => psa.contracts.list.query({ clientId }), clientId);
  return (
    <Loading loaded={contracts}>
      {(list) => (
        <ul>
          {list.length === 0 && <li>No contracts.</li>}
          {list.map((contract) => (
            <li key={contract.id} className="card">
              <strong>{contract.name}</strong> · revision {contract.revision} · {contract.status} ·{' '}
              {money(contract.monthlyValue, contract.currency)}/mo
              {contract.signedAt && (
                <span>
                  {' '}
                  · signed <Time at={contract.signedAt} />
                </span>
              )}
              {contract.status !== 'signed' && can('psa.contracts.sign') && (
                <Sign contract={contract} onDone={contracts.reload} />
              )}
              {can('psa.contracts.write') && (
                <details>
                  <summary>Amend</summary>
                  <Amend contract={contract} onDone={contracts.reload} />
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </Loading>
  );
}
