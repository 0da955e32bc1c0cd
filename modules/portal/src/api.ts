import type { portalClientRouter } from './client';
import type { portalAppRouter } from './router';

/** Type-only surface other modules and the portal's front end may import. */
export type PortalAppRouter = typeof portalAppRouter;
export type PortalClientRouter = typeof portalClientRouter;
export type { PortalFeature } from './portals/portal.schema';
