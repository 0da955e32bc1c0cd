import { router } from '@suite/hub-auth';
import { domainRouter } from './domains/domain.router';
import { portalRouter } from './portals/portal.router';
import { shareRouter } from './shares/share.router';
import { signatureRouter } from './signatures/signature.router';
import { portalUserRouter } from './users/portal-user.router';

/** The portal's staff procedures, served at /portal/trpc (Hub session + permission). */
export const portalAppRouter = router({
  portals: portalRouter,
  domains: domainRouter,
  users: portalUserRouter,
  shares: shareRouter,
  signatures: signatureRouter,
});
