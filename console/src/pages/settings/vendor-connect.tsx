import { type FormEvent, useId, useState } from 'react';
import { tools } from '../../api/trpc.client';
import { ErrorNote, Time } from '../../ui/feedback';
import { useAction } from '../../ui/use-load';

export type Vendor = Awaited<ReturnType<typeof tools.connections.list.query>>[number];
type Verified = Awaited<ReturnType<typeof tools.connections.verify.mutate>>;

const HEALTH_LABEL: Record<Vendor['health'], string> = {
  connected: 'Connected',
  warning: 'Warning',
  error: 'Error',
  not_connected: 'Not connected',
  planned: 'Planned',
};

const ACRONYMS: Record<string, string> = { Sid: 'SID', Api: 'API', Url: 'URL', Id: 'ID' };

/** `accountSid` → "Account SID": the schema's field, as a person reads it. */
export function fieldLabel(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(' ');
  return words
    .map((word, index) => {
      const capital = word.charAt(0).toUpperCase() + word.slice(1);
      return ACRONYMS[capital] ?? (index === 0 ? capital : word.toLowerCase());
    })
    .join(' ');
}

export function HealthPill({ health }: { health: Vendor['health'] }) {
  return <span className={`pill pill-${health}`}>{HEALTH_LABEL[health]}</span>;
}

/** The one-line answer of Save & Test or Verify: green when connected, else the vendor's actionable error. */
export function VerifyPill({ verified }: { verified: Verified | undefined }) {
  if (!verified) return null;
  return (
    <p
      className={`pill pill-line ${verified.ok ? 'pill-connected' : 'pill-error'}`}
      role="status"
      title={verified.message}
    >
      {verified.message}
      {verified.field && <span className="muted"> (field {verified.field})</span>}
      {verified.resumedRuns > 0 && ` · ${verified.resumedRuns} paused runs resumed`}
    </p>
  );
}

function fieldValues(form: FormData, prefix: string, names: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = String(form.get(`${prefix}.${name}`) ?? '').trim();
    if (value) values[name] = value;
  }
  return values;
}

/**
 * Connect: an API key is pasted and saved-and-tested in one step; an OAuth vendor takes the org's
 * client id and secret and sends the browser to the vendor's consent page.
 */
export function ConnectForm({ vendor, onDone }: { vendor: Vendor; onDone: (verified?: Verified) => void }) {
  const id = useId();
  const action = useAction();
  const [verified, setVerified] = useState<Verified>();
  const settingNames = vendor.settingFields.map((field) => field.name);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const settings = fieldValues(form, 'settings', settingNames);
    if (vendor.authType === 'oauth') {
      const started = await action.run(() =>
        tools.connections.startOAuth.mutate({
          provider: vendor.provider,
          clientId: String(form.get('clientId')),
          clientSecret: String(form.get('clientSecret')),
          redirectUri: `${location.origin}/settings/integrations`,
          settings,
        }),
      );
      if (started) location.assign(started.authorizeUrl);
      return;
    }
    const answer = await action.run(() =>
      tools.connections.connectApiKey.mutate({
        provider: vendor.provider,
        credential: fieldValues(form, 'credential', vendor.credentialFields),
        settings,
      }),
    );
    setVerified(answer);
    if (answer?.ok) onDone(answer);
  };
  const secretFields = vendor.authType === 'oauth' ? ['clientId', 'clientSecret'] : vendor.credentialFields;
  return (
    <form className="stack" onSubmit={onSubmit} aria-label={`Connect ${vendor.name}`}>
      <p className="muted">{vendor.whereToFind}</p>
      {secretFields.map((name) => (
        <div key={name} className="stack">
          <label htmlFor={`${id}-${name}`}>{fieldLabel(name)}</label>
          <input
            id={`${id}-${name}`}
            name={vendor.authType === 'oauth' ? name : `credential.${name}`}
            type={name === 'clientId' ? 'text' : 'password'}
            autoComplete="off"
            required
            aria-invalid={verified?.field === `credential.${name}` || undefined}
          />
        </div>
      ))}
      {vendor.settingFields.map(({ name, required }) => (
        <div key={name} className="stack">
          <label htmlFor={`${id}-${name}`}>
            {fieldLabel(name)}
            {!required && <span className="muted"> (optional)</span>}
          </label>
          <input
            id={`${id}-${name}`}
            name={`settings.${name}`}
            required={required}
            aria-invalid={verified?.field === `settings.${name}` || undefined}
          />
        </div>
      ))}
      <div className="row">
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'Testing…' : vendor.authType === 'oauth' ? 'Continue to the vendor' : 'Save & Test'}
        </button>
        <button type="button" onClick={() => onDone()}>
          Close
        </button>
      </div>
      <VerifyPill verified={verified} />
      <ErrorNote error={action.error} />
    </form>
  );
}

/** One vendor: health and last check, Connect, Verify (with the one-line pill) and Disconnect. */
export function VendorCard({
  vendor,
  canManage,
  onChange,
}: {
  vendor: Vendor;
  canManage: boolean;
  onChange: () => void;
}) {
  const [connecting, setConnecting] = useState(false);
  const [verified, setVerified] = useState<Verified>();
  const action = useAction();
  const verify = async () => {
    if (!vendor.connectionId) return;
    const connectionId = vendor.connectionId;
    const answer = await action.run(() => tools.connections.verify.mutate({ connectionId }));
    setVerified(answer);
    if (answer) onChange();
  };
  const disconnect = async () => {
    if (
      (await action.run(() => tools.connections.disconnect.mutate({ provider: vendor.provider }))) !==
      undefined
    )
      onChange();
  };
  const connected = vendor.connectionId !== null && vendor.health !== 'not_connected';
  return (
    <article className="card" aria-labelledby={`vendor-${vendor.provider}`}>
      <h3 id={`vendor-${vendor.provider}`}>
        {vendor.name} <HealthPill health={vendor.health} />
      </h3>
      <p className="muted">
        {vendor.tools.join(', ')} · last check <Time at={vendor.lastCheckAt} />
      </p>
      {vendor.healthReason && vendor.health !== 'connected' && (
        <p className="pill pill-line pill-error">{vendor.healthReason}</p>
      )}
      {canManage && !connecting && (
        <div className="row">
          <button
            type="button"
            onClick={() => setConnecting(true)}
            aria-label={connected ? `Replace key of ${vendor.name}` : `Connect ${vendor.name}`}
          >
            {connected ? 'Replace key' : 'Connect'}
          </button>
          {vendor.connectionId && (
            <button
              type="button"
              onClick={verify}
              disabled={action.busy}
              aria-label={`Verify ${vendor.name}`}
            >
              {action.busy ? 'Verifying…' : 'Verify'}
            </button>
          )}
          {connected && (
            <button
              type="button"
              onClick={disconnect}
              disabled={action.busy}
              aria-label={`Disconnect ${vendor.name}`}
            >
              Disconnect
            </button>
          )}
        </div>
      )}
      {connecting && (
        <ConnectForm
          vendor={vendor}
          onDone={(answer) => {
            setConnecting(false);
            setVerified(answer);
            onChange();
          }}
        />
      )}
      <VerifyPill verified={verified} />
      <ErrorNote error={action.error} />
    </article>
  );
}
