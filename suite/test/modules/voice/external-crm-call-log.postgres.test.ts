import { crmModule } from '@suite/crm';
import { forOrg } from '@suite/db';
import { toolsModule } from '@suite/tools';
import { connectOAuth, type HubspotStandIn, startHubspotStandIn, testKeyring } from '@suite/tools/testing';
import { voiceModule } from '@suite/voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger';
import { CONTOSO, eventually, NORTHWIND, startTestSuite, type TestSuite } from '../../support/suite-fixture';
import { callSid, statusChanged } from './support/call-callbacks';

// Ended calls are logged to the org's external CRM (HubSpot here, through its stand-in) by the
// voice.crm-call-log job: once per call, retried after a vendor failure, never for an org on our CRM.

let fx: TestSuite;
let hubspot: HubspotStandIn;

const callLog = () => {
  const job = voiceModule.jobs.find((candidate) => candidate.name === 'voice.crm-call-log');
  if (!job) throw new Error('Voice ships voice.crm-call-log');
  return job;
};
const runCallLog = () =>
  callLog().run({
    db: fx.database.db,
    log: createLogger('silent'),
    slot: new Date(),
    integrations: fx.suite.integrations,
  });
const callsAtHubspot = (from: string) =>
  hubspot.calls().filter((call) => call.properties.hs_call_from_number === from);

/** Twilio's `completed` callback for an inbound call from `from`, handled by Voice; answers Voice's call. */
async function endedCall(from: string, sid = callSid(), orgId = NORTHWIND) {
  const envelope = await fx.publishAs(statusChanged(sid, 'completed', { from, duration: 40 }), orgId);
  const group = fx.modules
    .flatMap((m) => m.subscriptions)
    .find((s) => s.group.startsWith('voice.tools-sync.call-status'))?.group;
  await fx.handled(envelope.id, String(group));
  const call = await eventually('the call in Voice', () =>
    forOrg(fx.database.db.app, orgId).transaction((tx) =>
      tx.voiceCall.findFirst({ where: { vendorCallId: sid } }),
    ),
  );
  return { ...call, sid };
}
const stored = (id: string) => fx.database.db.system.voiceCall.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  hubspot = await startHubspotStandIn();
  fx = await startTestSuite({
    modules: [voiceModule, crmModule, toolsModule],
    env: { VAULT_KEYS: testKeyring().entries.join(',') },
  });
  const northwind = forOrg(fx.database.db.app, NORTHWIND);
  expect(await connectOAuth(northwind, 'hubspot', hubspot.url, {})).toMatchObject({ ok: true });
});
afterAll(async () => {
  await fx?.close();
  await hubspot?.close();
});

describe('external CRM call logging', () => {
  it('logs an ended call to HubSpot once, though the job runs again, the callback is redelivered and a run crashed', async () => {
    const call = await endedCall('+442079460400');
    expect(await runCallLog()).toMatch(/^\d+ call\(s\) logged to external CRMs/);
    expect(callsAtHubspot('+442079460400')).toHaveLength(1);
    expect(callsAtHubspot('+442079460400')[0]?.properties).toMatchObject({
      hs_call_direction: 'INBOUND',
      hs_call_status: 'COMPLETED',
      hs_call_duration: '40000',
      hs_call_to_number: '+14155550100',
      hs_timestamp: call.endedAt?.toISOString(),
    });
    const logged = await stored(call.id);
    expect(logged).toMatchObject({ crmLog: 'logged', crmRecordId: callsAtHubspot('+442079460400')[0]?.id });

    await endedCall('+442079460400', call.sid);
    await runCallLog();
    expect(callsAtHubspot('+442079460400')).toHaveLength(1);

    // A run that created the activity but died before Voice committed: the call id key answers it again.
    await fx.database.db.system.voiceCall.update({ where: { id: call.id }, data: { crmLog: null } });
    await runCallLog();
    expect(callsAtHubspot('+442079460400')).toHaveLength(1);
    expect(await stored(call.id)).toMatchObject({ crmLog: 'logged', crmRecordId: logged.crmRecordId });
  });

  it('keeps a call HubSpot refused and logs it on the next run', async () => {
    hubspot.state.outage = true;
    let call: Awaited<ReturnType<typeof endedCall>>;
    try {
      call = await endedCall('+442079460401');
      expect(await runCallLog()).toMatch(/, [1-9]\d* to retry, /);
      expect(callsAtHubspot('+442079460401')).toHaveLength(0);
      expect((await stored(call.id)).crmLog).toBeNull();
    } finally {
      hubspot.state.outage = false;
    }
    expect(await runCallLog()).toMatch(/, 0 to retry, /);
    expect(callsAtHubspot('+442079460401')).toHaveLength(1);
    expect((await stored(call.id)).crmLog).toBe('logged');
  });

  it('sends nothing for an org that keeps its customers in our CRM', async () => {
    const requestsBefore = hubspot.requests.length;
    const call = await endedCall('+442079460402', callSid(), CONTOSO);
    expect(await runCallLog()).toMatch(/, [1-9]\d* without one, /);
    expect(hubspot.requests.length).toBe(requestsBefore);
    expect((await stored(call.id)).crmLog).toBe('skipped');
  });
});
