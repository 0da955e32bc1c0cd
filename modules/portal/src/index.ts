import { defineModule } from '@suite/contracts';
import { erasePerson } from './erasure/person-erasure.service';
import { contractSignedSubscription } from './handlers/contract-signed.handler';
import { esignRequestedSubscription } from './handlers/esign-requested.handler';
import { runCompletedSubscription } from './handlers/run-completed.handler';
import { vendorSignedFilesJob } from './jobs/vendor-signed-files.job';
import { portalAppRouter } from './router';

export {
  orgOfVendorSignature,
  verifyVendorSignature,
} from './addenda/vendor-signed-file.service';
export { portalClientRouter } from './client';
export { clientSharePdf } from './client/client-quote.service';
export { configurePortalDns } from './domains/dns-settings';
export { confirmMagicLink, requestMagicLink, type SiteRequest } from './sign-in/magic-link.service';
export { signedInUser, signOut } from './sign-in/session.service';
export { clearedSessionCookie, sessionCookie, sessionTokenOf } from './sign-in/session-cookie';
export { magicLinkConfirmInput, magicLinkRequestInput } from './sign-in/sign-in.schema';
export { orgOfSignature, verifySignature } from './signatures/signature.service';
export { PortalHosts, portalHostsFor } from './site/portal-host.service';
export { renderPortalPage } from './site/portal-page';

/** The client portal: branded portals per MSP, their domains, client sign-in, shared quotes, e-sign. */
export const portalModule = defineModule({
  name: 'portal',
  appRouter: portalAppRouter,
  subscriptions: [esignRequestedSubscription, runCompletedSubscription, contractSignedSubscription],
  jobs: [vendorSignedFilesJob],
  erasure: { erasePerson },
});
