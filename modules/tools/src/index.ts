import { defineModule } from '@suite/contracts';
import { outboundWebhookSubscription } from './handlers/outbound-webhook.handler';
import { runRequestedSubscription } from './handlers/run-requested.handler';
import { toolsIntegrationRouter } from './integration';
import { m365DeltaSyncJob } from './jobs/m365-delta-sync.job';
import { sentEmailPurgeJob } from './jobs/sent-email-purge.job';
import { webhookPayloadPurgeJob } from './jobs/webhook-payload-purge.job';
import { recordingMediaRoute } from './media/recording-media.route';
import { signedContractMediaRoute } from './media/signed-contract-media.route';
import { toolsAppRouter } from './router';
import { inboundWebhookRoute } from './webhooks/inbound-webhook.route';

export { emailSyncRegistry } from './email-sync/email-sync.metrics';
export { folderStatuses, requestResync } from './email-sync/mail-cursor.service';
export {
  type ErasureStep,
  type ForgetInput,
  type ForgetReport,
  forgetInput,
  forgetReport,
} from './erasure/forget.schema';
export { forgetPerson } from './erasure/forget-flow';
export { consumeRate, type RateDecision, type RateLimit } from './rate-limits/rate-limit.service';
export { cancelRun, listRuns, resumeRun } from './runs/paused-run.service';
export { listToolAvailability, type ToolAvailability } from './tools/tool-availability.service';
export { TOOL_CATALOG, TOOL_NAMES, type ToolName, type ToolResult, toolError } from './tools/tool-catalog';
export { runTool, type ToolRequest } from './tools/tool-runner.service';
export { listDecryptAudit } from './vault/decrypt-audit.service';
export { configureVault, currentKeyring, keyringNotice, newKeyEntry, requireKeyring } from './vault/keyring';
export { sessionTokenSealer } from './vault/session-token-sealer';
export { rotateVault } from './vault/vault-rotation.service';
export {
  createEndpoint,
  deleteEndpoint,
  listAttempts,
  listEndpoints,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointEnabled,
  updateEndpoint,
} from './webhook-endpoints/endpoint.service';
export { startWebhookDispatcher, type WebhookDispatcher } from './webhook-endpoints/webhook-dispatcher';
export { configureWebhookEndpoints } from './webhook-endpoints/webhook-settings';
export { processOrKeep as replayDelivery } from './webhooks/delivery-processing';
export { listDeliveries } from './webhooks/webhook-delivery.service';

/** The shared tool layer: vendor connections, the credential vault, the tools the AI and workflows call. */
export const toolsModule = defineModule({
  name: 'tools',
  appRouter: toolsAppRouter,
  integrationRouter: toolsIntegrationRouter,
  subscriptions: [runRequestedSubscription, outboundWebhookSubscription],
  routes: [inboundWebhookRoute, recordingMediaRoute, signedContractMediaRoute],
  jobs: [m365DeltaSyncJob, webhookPayloadPurgeJob, sentEmailPurgeJob],
});
