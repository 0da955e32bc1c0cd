import { type EventEnvelope, publish } from '@suite/bus';
import { eventually, publishedEvents } from '@suite/bus/testing';
import { toolsRunCompleted } from '@suite/contracts';
import { forOrg, type OrgScope } from '@suite/db';
import { changeMembership, upsertUser } from '@suite/hub-auth';
import { toolsModule } from '@suite/tools';
import {
  connect,
  KEYS,
  resumeConnectionRuns,
  staffOperator,
  startSendGridStandIn,
  startTwilioStandIn,
  type ToolsFixture,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioStandIn,
  testKeyring,
  toolsFixture,
  type VendorStandIn,
  verifyConnection,
} from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTHWIND, startTestSuite, type TestSuite } from '../../support/suite-fixture';

const OWNER = { id: 'hub-owner-1', email: 'olivia.owner@acme.example', name: 'Olivia Owner' };
let fixture: ToolsFixture;
let twilio: TwilioStandIn;
let sendgrid: VendorStandIn;
let sut: TestSuite;
let org: OrgScope;

beforeAll(async () => {
  const { entries } = testKeyring();
  [fixture, twilio, sendgrid] = await Promise.all([
    toolsFixture(),
    startTwilioStandIn(),
    startSendGridStandIn(),
  ]);
  sut = await startTestSuite({
    modules: [toolsModule],
    observe: [toolsRunCompleted],
    database: fixture.database,
    env: { VAULT_KEYS: entries.join(',') },
  });
  org = await fixture.createOrg('Acme');
  const system = fixture.database.db.system;
  await upsertUser(system, OWNER);
  await changeMembership(system, { orgId: org.orgId, userId: OWNER.id, role: 'Owner' });
  await connect(
    org,
    'twilio',
    { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN },
    { from: '+14155550100', apiBaseUrl: twilio.url },
  );
  await connect(
    org,
    'sendgrid',
    { apiKey: KEYS.sendgrid },
    { from: 'alerts@acme.example', apiBaseUrl: sendgrid.url },
  );
});
afterAll(async () => {
  await sut?.close();
  await Promise.all([fixture.close(), twilio.close(), sendgrid.close()]);
});

const requestRun = (step: string, tool: string, body: string) =>
  org.transaction((tx) =>
    publish(tx, {
      type: 'tools.run.requested',
      data: {
        requestId: `workflow-7:${step}`,
        tool,
        input: { to: '+14155550123', body },
        requestedBy: 'workflow:7',
      },
    }),
  );
const requestSms = (step: string, body: string) => requestRun(step, 'send_sms', body);
/** `tools.run.completed` as the requester receives it over the bus, by request id. */
const completions = () => sut.received.map((event) => event.data);
const completionsInOutbox = async () =>
  (await publishedEvents(fixture.database.db, { type: 'tools.run.completed', orgId: org.orgId })).length;
/** Delivers the request again, then waits for a later event of its key, so the redelivery was handled. */
async function redeliverRequest(request: EventEnvelope): Promise<void> {
  await sut.redeliver(request);
  const later = await requestRun(request.subject ?? '', 'no_such_tool', 'marks the end of the key');
  await sut.handled(later.id);
}
const pausedRuns = () => org.transaction((tx) => tx.toolsPausedRun.findMany({ orderBy: { seq: 'asc' } }));
const sentBodies = () => [...twilio.messages.values()].map((message) => message.body);

describe('a broken credential pauses the work that needs it, and the fix resumes it once', () => {
  it('parks, notifies the owner, resumes in order after a passing verify, sends exactly once', async () => {
    // 1. The credential is revoked at the vendor.
    twilio.state.authToken = 'RevokedAtTwilioConsole0000000003';

    // 2. Bus events that send SMS are parked, not lost, and the owner is told in-app and by email.
    const firstRequest = await requestSms('step-1', 'Reminder: visit tomorrow 9:00');
    await eventually('the first run parked', async () => (await pausedRuns()).length === 1);
    await requestSms('step-2', 'Reminder: bring the badge');
    const parked = await eventually('both runs parked', async () => {
      const runs = await pausedRuns();
      return runs.length === 2 && runs;
    });
    expect(parked.map((run) => [run.tool, run.status, run.step])).toEqual([
      ['send_sms', 'paused', 'call_vendor'],
      ['send_sms', 'paused', 'call_vendor'],
    ]);
    expect(sentBodies()).toEqual([]);
    expect(completions()).toEqual([]);
    const system = fixture.database.db.system;
    expect(await system.busDeadLetter.count()).toBe(0);
    const [notice] = await org.transaction((tx) => tx.toolsNotification.findMany());
    expect(notice).toMatchObject({
      recipients: [OWNER.id],
      emailed: 1,
      title: 'Twilio needs attention: its connection is in Error',
    });
    expect(
      sendgrid.requests
        .filter((request) => request.path === '/v3/mail/send')
        .map((request) => JSON.stringify(request.fields)),
    ).toEqual([expect.stringContaining(OWNER.email)]);
    const changed = await publishedEvents(fixture.database.db, {
      type: 'tools.connection.health_changed',
      orgId: org.orgId,
    });
    expect(changed.map((event) => (event.payload as { health: string }).health)).toContain('error');

    // 3. The credential is fixed at the vendor and verified.
    twilio.state.authToken = TWILIO_TOKEN;
    const verified = await org.transaction((tx) =>
      verifyConnection(tx, { connectionId: parked[0]?.connectionId ?? '' }, staffOperator(org)),
    );
    expect(verified).toMatchObject({ ok: true, health: 'connected', resumedRuns: 2 });

    // 4. Each SMS is sent exactly once, in the order asked; resuming again sends nothing.
    expect(sentBodies()).toEqual(['Reminder: visit tomorrow 9:00', 'Reminder: bring the badge']);
    expect(await org.transaction((tx) => resumeConnectionRuns(tx, parked[0]?.connectionId ?? ''))).toBe(0);
    expect((await pausedRuns()).map((run) => run.status)).toEqual(['resumed', 'resumed']);
    expect(sentBodies()).toHaveLength(2);

    // 5. The requester hears the end of each resumed run as it would of a run never paused: once each,
    //    even when resumed again or when its request is delivered again.
    await requestSms('step-3', 'Reminder: parking at the back');
    // Each run is its own key: the bus keeps no order between them, so they are compared by request id.
    const ended = await eventually(
      'three runs completed',
      async () =>
        completions().length === 3 &&
        completions().sort((a, b) => String(a.requestId).localeCompare(String(b.requestId))),
    );
    const sentIds = [...twilio.messages.values()].map((message) => message.sid);
    expect(ended).toEqual(
      ['workflow-7:step-1', 'workflow-7:step-2', 'workflow-7:step-3'].map((requestId, index) => ({
        requestId,
        tool: 'send_sms',
        requestedBy: 'workflow:7',
        provider: 'twilio',
        result: { message_id: sentIds[index], status: expect.any(String) },
        error: null,
        errorCode: null,
      })),
    );
    await redeliverRequest(firstRequest);
    expect(await org.transaction((tx) => resumeConnectionRuns(tx, parked[0]?.connectionId ?? ''))).toBe(0);
    expect(await completionsInOutbox()).toBe(3);
    expect(completions()).toHaveLength(3);
    expect(sentBodies()).toHaveLength(3);
  });

  it('tells the requester of a paused run that staff cancelled it, once however often they cancel', async () => {
    // Northwind, whose Owner signs in at the dev Hub, has its own Twilio connection; its token is revoked.
    const northwind = forOrg(fixture.database.db.app, NORTHWIND);
    await connect(
      northwind,
      'twilio',
      { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN },
      { from: '+14155550100', apiBaseUrl: twilio.url },
    );
    twilio.state.authToken = 'RevokedAtTwilioConsole0000000004';
    await sut.publishAs({
      type: 'tools.run.requested',
      data: {
        requestId: 'workflow-9:step-1',
        tool: 'send_sms',
        input: { to: '+14155550123', body: 'Reminder: the visit is off' },
        requestedBy: 'workflow:9',
      },
    });
    const run = await eventually('the run parked', () =>
      northwind.transaction((tx) => tx.toolsPausedRun.findFirst({ where: { status: 'paused' } })),
    );
    const olivia = await sut.staff('olivia@northwind.test', 'tools');
    expect(await olivia.mutate('runs.cancel', { runId: run.id })).toMatchObject({ status: 200 });
    expect(await olivia.mutate('runs.cancel', { runId: run.id })).toMatchObject({
      status: 409,
      message: `paused run ${run.id} is already cancelled`,
    });

    const ended = await eventually('the cancelled run completed', async () =>
      completions().find((data) => data.requestId === 'workflow-9:step-1'),
    );
    expect(ended).toEqual({
      requestId: 'workflow-9:step-1',
      tool: 'send_sms',
      requestedBy: 'workflow:9',
      provider: 'twilio',
      result: null,
      error: 'cancelled by olivia@northwind.test',
      errorCode: 'cancelled',
    });
    // A passing verify afterwards resumes nothing: the cancelled run neither sends nor completes again.
    twilio.state.authToken = TWILIO_TOKEN;
    const verified = await northwind.transaction((tx) =>
      verifyConnection(tx, { connectionId: run.connectionId }, staffOperator(northwind)),
    );
    expect(verified).toMatchObject({ ok: true, resumedRuns: 0 });
    expect(
      await publishedEvents(fixture.database.db, { type: 'tools.run.completed', orgId: NORTHWIND }),
    ).toHaveLength(1);
    expect(sentBodies()).not.toContain('Reminder: the visit is off');
  });

  it('names why a run failed with its tool error code: fix the input, or retry later', async () => {
    const requestTo = (step: string, to: string) =>
      org.transaction((tx) =>
        publish(tx, {
          type: 'tools.run.requested',
          data: {
            requestId: `workflow-8:${step}`,
            tool: 'send_sms',
            input: { to, body: 'Reminder: the visit moved' },
            requestedBy: 'workflow:8',
          },
        }),
      );
    const ended = (requestId: string) =>
      eventually(`${requestId} completed`, async () =>
        completions().find((data) => data.requestId === requestId),
      );
    // Twilio refuses numbers in +1555000…: the input is wrong, a retry would be refused the same way.
    await requestTo('step-1', '+15550001234');
    expect(await ended('workflow-8:step-1')).toEqual({
      requestId: 'workflow-8:step-1',
      tool: 'send_sms',
      requestedBy: 'workflow:8',
      provider: 'twilio',
      result: null,
      error: expect.stringContaining('+15550001234'),
      errorCode: 'vendor_rejected',
    });
    // Twilio is down for one request: worth retrying later.
    twilio.state.failNext = 503;
    await requestTo('step-2', '+14155550123');
    expect(await ended('workflow-8:step-2')).toMatchObject({
      provider: 'twilio',
      result: null,
      error: expect.any(String),
      errorCode: 'vendor_unavailable',
    });
  });
});
