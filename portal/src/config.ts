import type { PortalFeature } from '@suite/portal/api';

/** What the server put in the page for this portal (`renderPortalPage`). */
export interface PortalConfig {
  readonly name: string;
  readonly logoUrl: string | null;
  readonly features: readonly PortalFeature[];
  readonly support: {
    readonly email: string | null;
    readonly phone: string | null;
    readonly url: string | null;
  };
}

export const config: PortalConfig = JSON.parse(
  document.getElementById('portal-config')?.textContent ?? 'null',
) ?? {
  name: 'Client portal',
  logoUrl: null,
  features: [],
  support: { email: null, phone: null, url: null },
};

export const shows = (feature: PortalFeature) => config.features.includes(feature);
