import { useId, useState } from 'react';
import type { PortalView } from './portal-view';

type Branding = PortalView['branding'];
type Warning = PortalView['warnings'][number];
type Font = Branding['font'];
type ColorName = 'primaryColor' | 'accentColor' | 'backgroundColor' | 'textColor';

/**
 * The portal's safe list (keyed by its type, so a font added on the server fails the build here). The
 * preview uses each stack's generic family: the console loads no font the portal would not.
 */
const FONTS: Record<Font, { readonly label: string; readonly family: string }> = {
  system: { label: 'System', family: 'system-ui, sans-serif' },
  humanist: { label: 'Humanist sans', family: 'sans-serif' },
  geometric: { label: 'Geometric sans', family: 'sans-serif' },
  serif: { label: 'Serif', family: 'serif' },
  mono: { label: 'Monospace', family: 'monospace' },
};

const COLORS: Record<ColorName, string> = {
  primaryColor: 'Primary colour',
  accentColor: 'Accent colour',
  backgroundColor: 'Background colour',
  textColor: 'Text colour',
};

/** What the client sees first: the portal's colours, font and logo on a small page. */
function Preview({ branding, name }: { branding: Branding; name: string }) {
  return (
    <figure
      className="swatch"
      data-testid="branding-preview"
      style={{
        background: branding.backgroundColor,
        color: branding.textColor,
        fontFamily: FONTS[branding.font].family,
        borderTopColor: branding.accentColor,
      }}
    >
      {branding.logoUrl && <img src={branding.logoUrl} alt="" height={32} />}
      <strong>{name}</strong>
      <p>Your quote Q-1042 is ready to sign.</p>
      <span className="swatch-button" style={{ background: branding.primaryColor, color: '#ffffff' }}>
        Review and sign
      </span>
      <figcaption className="muted">Preview</figcaption>
    </figure>
  );
}

/** The saved colours' contrast warnings (decision 0159): saved anyway, so a note, not an error. */
function ContrastWarnings({ warnings }: { warnings: readonly Warning[] }) {
  if (warnings.length === 0) return null;
  return (
    <div className="notice" role="status" aria-label="Contrast warnings">
      <p>
        <strong>Hard to read:</strong> the saved colours give some text too little contrast.
      </p>
      <ul>
        {warnings.map((warning) => (
          <li key={warning.field}>{warning.message}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Colours, font and logo as form fields (`branding.*`), with the preview following every change and
 * the saved colours' contrast warnings.
 */
export function BrandingFields({
  initial,
  name,
  warnings,
}: {
  initial: Branding;
  name: string;
  warnings: readonly Warning[];
}) {
  const id = useId();
  const [branding, setBranding] = useState(initial);
  const set = (change: Partial<Branding>) => setBranding((current) => ({ ...current, ...change }));
  return (
    <fieldset>
      <legend>Branding</legend>
      <div className="grid">
        <div className="stack">
          {(Object.keys(COLORS) as ColorName[]).map((color) => (
            <div className="row" key={color}>
              <input
                id={`${id}-${color}`}
                type="color"
                name={`branding.${color}`}
                value={branding[color]}
                onChange={(event) => set({ [color]: event.target.value })}
              />
              <label htmlFor={`${id}-${color}`}>{COLORS[color]}</label>
              <code>{branding[color]}</code>
            </div>
          ))}
          <label htmlFor={`${id}-font`}>Font</label>
          <select
            id={`${id}-font`}
            name="branding.font"
            value={branding.font}
            onChange={(event) => set({ font: event.target.value as Font })}
          >
            {(Object.keys(FONTS) as Font[]).map((font) => (
              <option key={font} value={font}>
                {FONTS[font].label}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-logo`}>Logo URL (https)</label>
          <input
            id={`${id}-logo`}
            name="branding.logoUrl"
            type="url"
            placeholder="https://yourmsp.com/logo.svg"
            value={branding.logoUrl ?? ''}
            onChange={(event) => set({ logoUrl: event.target.value || null })}
          />
        </div>
        <Preview branding={branding} name={name} />
      </div>
      <ContrastWarnings warnings={warnings} />
    </fieldset>
  );
}

/** The branding the form holds, as the update procedure takes it. */
export function brandingOf(form: FormData): Branding {
  const field = (name: string) => String(form.get(`branding.${name}`) ?? '');
  return {
    primaryColor: field('primaryColor'),
    accentColor: field('accentColor'),
    backgroundColor: field('backgroundColor'),
    textColor: field('textColor'),
    font: field('font') as Font,
    logoUrl: field('logoUrl') || null,
  };
}
