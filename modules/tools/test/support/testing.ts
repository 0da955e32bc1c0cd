// The tools module's test support for the suite's tests of it (suite/test/modules/tools/), which run
// it inside a suite and drive a service directly where a flow needs a step no procedure offers.
export { verifyConnection } from '../../src/connections/connect.service';
export { resumeConnectionRuns } from '../../src/runs/paused-run.service';
export { databaseDump } from './database-dump';
export { OAUTH_CLIENT } from './stand-ins/oauth.stand-in';
export {
  startTwilioStandIn,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioStandIn,
} from './stand-ins/twilio.stand-in';
export {
  KEYS,
  startMetaStandIn,
  startSendGridStandIn,
  startStripeStandIn,
  type VendorStandIn,
} from './stand-ins/vendor-stand-ins';
export { connect, run, staffOperator } from './tool-calls';
export { type ToolsFixture, testKeyring, toolsFixture } from './tools-fixture';
