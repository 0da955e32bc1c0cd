import { defineModule } from '@suite/contracts';
import { runRequestedSubscription } from './handlers/run-requested.handler';
import { toolsIntegrationRouter } from './integration';
import { toolsAppRouter } from './router';

export { cancelRun, listRuns, resumeRun } from './runs/paused-run.service';
export { listDecryptAudit } from './vault/decrypt-audit.service';
export { configureVault, currentKeyring, keyringNotice, newKeyEntry, requireKeyring } from './vault/keyring';
export { sessionTokenSealer } from './vault/session-token-sealer';
export { rotateVault } from './vault/vault-rotation.service';

/** The shared tool layer: vendor connections, the credential vault, the tools the AI and workflows call. */
export const toolsModule = defineModule({
  name: 'tools',
  appRouter: toolsAppRouter,
  integrationRouter: toolsIntegrationRouter,
  subscriptions: [runRequestedSubscription],
});
