import { type FormEvent, useId, useState } from 'react';
import { platform } from '../../api/trpc.client';
import { CopyButton } from '../../ui/copy-button';
import { ErrorNote, Loading, Time } from '../../ui/feedback';
import { usePage } from '../../ui/pager';
import { Table } from '../../ui/table';
import { useAction, useLoad } from '../../ui/use-load';

type Key = Awaited<ReturnType<typeof platform.keys.list.query>>[number];
type Issued = Awaited<ReturnType<typeof platform.keys.create.mutate>>;

const MODULES = ['crm', 'psa', 'books', 'voice', 'portal', 'tools'] as const;

/** The key exists nowhere else: shown once, with a copy button and the setting line for the caller. */
function ShownOnce({ issued }: { issued: Issued }) {
  return (
    <div className="notice" role="status">
      <p>
        Key <code>{issued.summary.prefix}</code> created. Copy it now: it is shown this once and only its hash
        is stored.
      </p>
      <p>
        <code className="secret" data-testid="issued-key">
          {issued.key}
        </code>{' '}
        <CopyButton value={issued.key} label="Copy key" />
      </p>
      <p>For the {issued.summary.caller} deployment's environment:</p>
      <pre>{issued.envLine}</pre>
    </div>
  );
}

function CreateKey({ onIssued }: { onIssued: (issued: Issued) => void }) {
  const id = useId();
  const action = useAction();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const issued = await action.run(() =>
      platform.keys.create.mutate({
        caller: String(form.get('caller')),
        target: form.get('target') as (typeof MODULES)[number],
        scopes: String(form.get('scopes'))
          .split(/[\s,]+/)
          .filter(Boolean),
        label: String(form.get('label')),
      }),
    );
    if (issued) onIssued(issued);
  };
  return (
    <form className="stack" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New key</h2>
      <label htmlFor={`${id}-caller`}>Calling product</label>
      <input id={`${id}-caller`} name="caller" required placeholder="psa" />
      <label htmlFor={`${id}-target`}>Module it calls</label>
      <select id={`${id}-target`} name="target">
        {MODULES.map((name) => (
          <option key={name}>{name}</option>
        ))}
      </select>
      <label htmlFor={`${id}-scopes`}>Scopes (space separated)</label>
      <input id={`${id}-scopes`} name="scopes" required placeholder="crm:pipeline.context crm:activity.*" />
      <label htmlFor={`${id}-label`}>Label</label>
      <input id={`${id}-label`} name="label" placeholder="psa prod" />
      <button type="submit" disabled={action.busy}>
        {action.busy ? 'Creating…' : 'Create key'}
      </button>
      <ErrorNote error={action.error} />
    </form>
  );
}

function KeyRow({
  apiKey,
  onIssued,
  onChange,
}: {
  apiKey: Key;
  onIssued: (issued: Issued) => void;
  onChange: () => void;
}) {
  const action = useAction();
  const rotate = async () => {
    const issued = await action.run(() =>
      platform.keys.rotate.mutate({ keyId: apiKey.id, overlapHours: 24 }),
    );
    if (issued) onIssued(issued);
  };
  const revoke = async () => {
    if (await action.run(() => platform.keys.revoke.mutate({ keyId: apiKey.id }))) onChange();
  };
  return (
    <tr>
      <td>
        <code>{apiKey.prefix}</code> {apiKey.label}
      </td>
      <td>
        {apiKey.caller} → {apiKey.target}
      </td>
      <td>{apiKey.scopes.join(' ')}</td>
      <td>{apiKey.status}</td>
      <td>
        <Time at={apiKey.lastUsedAt} />
      </td>
      <td>
        <Time at={apiKey.expiresAt} />
      </td>
      <td>
        {apiKey.status === 'active' && (
          <div className="row">
            <button
              type="button"
              onClick={rotate}
              disabled={action.busy}
              aria-label={`Rotate (24 h overlap) ${apiKey.prefix}`}
            >
              Rotate (24 h overlap)
            </button>
            <button
              type="button"
              onClick={revoke}
              disabled={action.busy}
              aria-label={`Revoke ${apiKey.prefix}`}
            >
              Revoke
            </button>
          </div>
        )}
        <ErrorNote error={action.error} />
      </td>
    </tr>
  );
}

function KeyTable({
  keys,
  onIssued,
  onChange,
}: {
  keys: readonly Key[];
  onIssued: (issued: Issued) => void;
  onChange: () => void;
}) {
  const { rows, pager } = usePage(keys);
  if (keys.length === 0) return <p>No integration keys yet.</p>;
  return (
    <>
      <Table
        label="Integration keys"
        headers={['Key', 'Caller → target', 'Scopes', 'Status', 'Last used', 'Expires', 'Actions']}
      >
        {rows.map((key) => (
          <KeyRow key={key.id} apiKey={key} onIssued={onIssued} onChange={onChange} />
        ))}
      </Table>
      {pager}
    </>
  );
}

export function KeysPage() {
  const keys = useLoad(() => platform.keys.list.query(), 'keys');
  const [issued, setIssued] = useState<Issued>();
  const onIssued = (made: Issued) => {
    setIssued(made);
    keys.reload();
  };
  return (
    <section>
      <h1>Integration keys</h1>
      <p>Keys other products call this org's modules with (X-Integration-Key).</p>
      {issued && <ShownOnce issued={issued} />}
      <Loading loaded={keys}>
        {(list) => <KeyTable keys={list} onIssued={onIssued} onChange={keys.reload} />}
      </Loading>
      <CreateKey onIssued={onIssued} />
    </section>
  );
}
