import type { EventEnvelope, publish } from '@suite/bus';
import { crmModule } from '@suite/crm';
import { forOrg } from '@suite/db';
import { toolsModule } from '@suite/tools';
import {
  connect,
  startTwilioStandIn,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioStandIn,
  testKeyring,
} from '@suite/tools/testing';
import { voiceModule } from '@suite/voice';
import { runModuleJob } from '../../../support/module-job';
import type { StaffClient } from '../../../support/staff-client';
import {
  eventually,
  NORTHWIND,
  startTestSuite,
  type TestSuite,
  type TestSuiteOptions,
} from '../../../support/suite-fixture';
import { callSid, ORG_NUMBER, recordingCompleted, recordingSid, statusChanged } from './call-callbacks';

export interface VoiceSuite {
  readonly fx: TestSuite;
  readonly twilio: TwilioStandIn;
  /** Northwind's Admin, signed in to Voice. */
  readonly adam: StaffClient;
  /** The recording's MP3 at the Twilio stand-in, asked with the account's credentials unless told not to. */
  twilioMedia(vendorSid: string, options?: { withCredentials: boolean }): Promise<Response>;
  /** Runs `work` while Twilio refuses the vault's Auth Token (rotated or revoked in its Console), then heals. */
  whileTwilioRefusesToken<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The account's HTTP Basic credentials, which Twilio asks for on private media (the tool layer sends them). */
export const TWILIO_BASIC_AUTH = `Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64')}`;

/**
 * Voice with CRM and the tool layer, Northwind on the Twilio stand-in (through the vault) with recording
 * enabled by its Admin: what every Voice flow starts from.
 */
export async function startVoiceSuite(options: Pick<TestSuiteOptions, 'observe'> = {}): Promise<VoiceSuite> {
  const twilio = await startTwilioStandIn();
  let fx: TestSuite | undefined;
  try {
    fx = await startTestSuite({
      modules: [voiceModule, crmModule, toolsModule],
      env: { VAULT_KEYS: testKeyring().entries.join(',') },
      ...options,
    });
    const adam = await fx.staff('adam@northwind.test', 'voice');
    await connect(
      forOrg(fx.database.db.app, NORTHWIND),
      'twilio',
      { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN },
      { from: ORG_NUMBER, apiBaseUrl: twilio.url },
    );
    await adam.ok('settings.update', { recordingEnabled: true, retentionDays: 30, defaultCountry: 'GB' });
    const started = fx;
    return {
      fx: started,
      twilio,
      adam,
      twilioMedia: (vendorSid, { withCredentials } = { withCredentials: true }) =>
        fetch(`${twilio.url}/2010-04-01/Accounts/${TWILIO_SID}/Recordings/${vendorSid}.mp3`, {
          headers: withCredentials ? { authorization: TWILIO_BASIC_AUTH } : {},
        }),
      async whileTwilioRefusesToken(work) {
        twilio.state.authToken = 'RotatedAuthTokenNotInTheVault001';
        try {
          return await work();
        } finally {
          twilio.state.authToken = TWILIO_TOKEN;
        }
      },
      close: async () => {
        await started.close();
        await twilio.close();
      },
    };
  } catch (error) {
    await fx?.close();
    await twilio.close();
    throw error;
  }
}

type ToolsEvent = Parameters<typeof publish>[1];

/** Voice's running consumer group of this suite whose name starts with `prefix`. */
function voiceGroup(fx: TestSuite, prefix: string): string {
  const group = fx.modules.flatMap((m) => m.subscriptions).find((s) => s.group.startsWith(prefix))?.group;
  if (!group) throw new Error(`no running group ${prefix}`);
  return group;
}

/** Resolves once Voice has handled the tool layer's call event. */
export async function handledByVoice(fx: TestSuite, envelope: EventEnvelope): Promise<void> {
  const prefix =
    envelope.type === 'tools.call.status_changed'
      ? 'voice.tools-sync.call-status'
      : 'voice.tools-sync.recording';
  await fx.handled(envelope.id, voiceGroup(fx, prefix));
}

/** The tool layer's call event published as that org, once Voice has handled it. */
export async function deliverToVoice(fx: TestSuite, event: ToolsEvent, orgId = NORTHWIND): Promise<void> {
  await handledByVoice(fx, await fx.publishAs(event, orgId));
}

/** Voice's call for the vendor's call id, once it is there. */
export function voiceCallOf(fx: TestSuite, vendorCallId: string, orgId = NORTHWIND) {
  return eventually(`call ${vendorCallId} in Voice`, () =>
    forOrg(fx.database.db.app, orgId).transaction((tx) =>
      tx.voiceCall.findFirst({ where: { vendorCallId } }),
    ),
  );
}

/** A Twilio recording of the call (by its vendor id), handled by Voice; answers the suite's recording. */
export async function recordCall(fx: TestSuite, vendorCallId: string, duration?: number) {
  const vendorSid = recordingSid();
  await deliverToVoice(fx, recordingCompleted(vendorCallId, vendorSid, duration));
  const recording = await eventually('the recording in Voice', () =>
    forOrg(fx.database.db.app, NORTHWIND).transaction((tx) =>
      tx.voiceRecording.findFirst({ where: { vendorRecordingId: vendorSid } }),
    ),
  );
  return { recordingId: recording.id, vendorSid };
}

/** A finished inbound call from `from` with a recording at Twilio; answers the suite's recording id. */
export async function recordedCall(fx: TestSuite, from: string, duration = 40) {
  const sid = callSid();
  await deliverToVoice(fx, statusChanged(sid, 'completed', { from, duration }));
  return recordCall(fx, sid, duration);
}

/** Runs one of Voice's jobs now with what the suite's scheduler gives it (integrations, public URL). */
export function runVoiceJob(fx: TestSuite, name: string): Promise<string | undefined> {
  return runModuleJob(fx, voiceModule, name);
}
