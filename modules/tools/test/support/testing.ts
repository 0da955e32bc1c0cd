// The tools module's test support for the suite's tests of it (suite/test/modules/tools/), which run
// it inside a suite and drive a service directly where a flow needs a step no procedure offers.
export { verifyConnection } from '../../src/connections/connect.service';
export { saveWebhookSecret } from '../../src/connections/webhook-secret.service';
export { withCrmDriver } from '../../src/crm-drivers/crm-driver.service';
export { saveFieldMapping } from '../../src/crm-drivers/field-mapping.service';
export { resumeConnectionRuns } from '../../src/runs/paused-run.service';
export { type CrmUnderTest, crmDriverContract } from './crm-driver-contract';
export { databaseDump } from './database-dump';
export { connectM365, mail, runDeltaSync, trustGraphStandIn } from './m365';
export { connectOAuth } from './oauth-connect';
export {
  type GraphStandIn,
  M365_SECRET,
  STAND_IN_CA_FILE,
  startGraphStandIn,
} from './stand-ins/graph.stand-in';
export { type HubspotStandIn, startHubspotStandIn } from './stand-ins/hubspot.stand-in';
export { OAUTH_CLIENT } from './stand-ins/oauth.stand-in';
export { REST_CRM_KEY, type RestCrmStandIn, startRestCrmStandIn } from './stand-ins/rest-crm.stand-in';
export {
  RECORDING_MP3,
  startTwilioStandIn,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioStandIn,
} from './stand-ins/twilio.stand-in';
export {
  KEYS,
  type StripeStandIn,
  startDocuSignStandIn,
  startDropboxSignStandIn,
  startGoogleMapsStandIn,
  startMetaStandIn,
  startResendStandIn,
  startSendGridStandIn,
  startStripeStandIn,
  type VendorStandIn,
  vendorSignedPdf,
} from './stand-ins/vendor-stand-ins';
export { connect, run, staffOperator } from './tool-calls';
export { type ToolsFixture, testKeyring, toolsFixture } from './tools-fixture';
export {
  docusignDelivery,
  dropboxSignDelivery,
  emailBounced,
  emailDelivered,
  envelopeCompleted,
  paymentIntentSucceeded,
  resendDelivery,
  type SignedDelivery,
  stripeDelivery,
  twilioDelivery,
} from './vendor-webhooks';
export { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';
