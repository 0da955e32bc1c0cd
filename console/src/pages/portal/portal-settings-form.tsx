import type { PortalFeature } from '@suite/portal/api';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { portal } from '../../api/trpc.client';
import { ErrorNote } from '../../ui/feedback';
import { useAction } from '../../ui/use-load';
import { BrandingFields, brandingOf } from './branding-fields';
import type { PortalView } from './portal-view';

/** Keyed by the portal's feature type, so a new toggle on the server fails the build until it is here. */
const FEATURES: Record<PortalFeature, string> = {
  quotes: 'Quotes',
  esign: 'E-sign',
  activity: 'Activity',
  tickets: 'Tickets',
  invoices: 'Invoices',
  pipeline: 'Pipeline',
  marketing: 'Marketing',
};

type EsignRoute = PortalView['esignRoute'];
const ESIGN_ROUTES: Record<EsignRoute, ReactNode> = {
  portal: 'In the portal',
  send_contract: (
    <>
      Through the org's e-sign vendor (<code>send_contract</code>)
    </>
  ),
};

const orNull = (value: FormDataEntryValue | null) => (value ? String(value) : null);

/** Name, branding, support contact, feature toggles and the e-sign route, saved together. */
export function PortalSettingsForm({ view, onSaved }: { view: PortalView; onSaved: () => void }) {
  const id = useId();
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const updated = await action.run(() =>
      portal.portals.update.mutate({
        portalId: view.portalId,
        name: String(form.get('name')),
        branding: brandingOf(form),
        support: {
          email: orNull(form.get('support.email')),
          phone: orNull(form.get('support.phone')),
          url: orNull(form.get('support.url')),
        },
        features: form.getAll('features').map(String) as PortalFeature[],
        esignRoute: form.get('esignRoute') as EsignRoute,
      }),
    );
    if (updated) {
      setSaved(true);
      onSaved();
    }
  };
  return (
    <form className="stack wide" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Settings</h2>
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} name="name" required defaultValue={view.name} />
      <BrandingFields initial={view.branding} name={view.name} warnings={view.warnings} />
      <fieldset className="stack">
        <legend>Support contact</legend>
        <label htmlFor={`${id}-email`}>Support email</label>
        <input id={`${id}-email`} name="support.email" type="email" defaultValue={view.support.email ?? ''} />
        <label htmlFor={`${id}-phone`}>Support phone</label>
        <input id={`${id}-phone`} name="support.phone" type="tel" defaultValue={view.support.phone ?? ''} />
        <label htmlFor={`${id}-url`}>Support page (https)</label>
        <input id={`${id}-url`} name="support.url" type="url" defaultValue={view.support.url ?? ''} />
      </fieldset>
      <fieldset>
        <legend>Features clients see</legend>
        <div className="row">
          {(Object.keys(FEATURES) as PortalFeature[]).map((feature) => (
            <label key={feature}>
              <input
                type="checkbox"
                name="features"
                value={feature}
                defaultChecked={view.features.includes(feature)}
              />{' '}
              {FEATURES[feature]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Contract addenda are signed</legend>
        <div className="row">
          {(Object.keys(ESIGN_ROUTES) as EsignRoute[]).map((route) => (
            <label key={route}>
              <input
                type="radio"
                name="esignRoute"
                value={route}
                defaultChecked={view.esignRoute === route}
              />{' '}
              {ESIGN_ROUTES[route]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Save settings'}
        </button>
        {saved && <span role="status">Saved.</span>}
      </div>
      <ErrorNote error={action.error} />
    </form>
  );
}
