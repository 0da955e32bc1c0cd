import { router } from '@suite/hub-auth';
import { portalRouter } from './portals/portal.router';
import { shareRouter } from './shares/share.router';
import { portalUserRouter } from './users/portal-user.router';

/** The portal's staff procedures, served at /portal/trpc (Hub session + permission). */
export const portalAppRouter = router({
  portals: portalRouter,
  users: portalUserRouter,
  shares: shareRouter,
});
