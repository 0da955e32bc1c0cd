import type { Prisma } from '@suite/db';
import { DEFAULT_BRANDING } from './branding';
import { brandingWarnings } from './color-contrast';
import {
  type Branding,
  branding,
  type PortalFeature,
  type PortalView,
  portalFeature,
  support,
} from './portal.schema';

export type PortalRecord = Prisma.PortalPortalGetPayload<object>;

/** The development host every portal answers on with no DNS work (`*.localhost` resolves to loopback). */
export const DEV_PORTAL_SUFFIX = '.portal.localhost';

/** Stored branding read back through its schema, so a row written by an older version still renders. */
export function brandingOf(portal: PortalRecord): Branding {
  const parsed = branding.partial().safeParse(portal.branding);
  return { ...DEFAULT_BRANDING, ...(parsed.success ? parsed.data : {}) };
}

export function featuresOf(portal: PortalRecord): PortalFeature[] {
  return portal.features.filter(
    (feature): feature is PortalFeature => portalFeature.safeParse(feature).success,
  );
}

export function toPortalView(portal: PortalRecord): PortalView {
  const branding = brandingOf(portal);
  return {
    portalId: portal.id,
    slug: portal.slug,
    name: portal.name,
    branding,
    support: support.parse(portal.support ?? {}),
    features: featuresOf(portal),
    esignRoute: portal.esignRoute,
    developmentHost: `${portal.slug}${DEV_PORTAL_SUFFIX}`,
    warnings: brandingWarnings(branding),
  };
}
