import { randomUUID } from 'node:crypto';
import { crmSequenceReplied } from '@suite/contracts';
import { crmModule } from '@suite/crm';
import { forOrg, type OrgScope } from '@suite/db';
import { toolsModule } from '@suite/tools';
import {
  connectM365,
  type GraphStandIn,
  mail,
  runDeltaSync,
  startGraphStandIn,
  type ToolsFixture,
  testKeyring,
  toolsFixture,
  trustGraphStandIn,
} from '@suite/tools/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger';
import type { StaffClient } from '../../support/staff-client';
import { eventually, NORTHWIND, startTestSuite, type TestSuite } from '../../support/suite-fixture';

// Northwind's CRM sends a three-step sequence from Anna's connected Microsoft 365 mailbox. The job runs
// with explicit slots (its clock), so "2 days later" is a slot, not a wait.
const ANNA = 'anna@northwind.test';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let trust: { close(): Promise<void> };
let fixture: ToolsFixture;
let graph: GraphStandIn;
let sut: TestSuite;
let crm: StaffClient;
let org: OrgScope;
let sequenceId: string;
let companyId: string;

const log = createLogger('silent');
const sequenceSend = () => {
  const job = crmModule.jobs?.find((candidate) => candidate.name === 'crm.sequence-send');
  if (!job) throw new Error('CRM ships the crm.sequence-send job');
  return job;
};
const sendAt = (slot: number) =>
  sequenceSend().run({
    db: fixture.database.db,
    log,
    slot: new Date(slot),
    integrations: sut.suite.integrations,
  });
const sync = () => runDeltaSync({ db: fixture.database.db, log, integrations: sut.suite.integrations });
const sentTo = (address: string) =>
  graph.sent
    .map(({ mailbox, body }) => ({ mailbox, ...(body as { message: SentMessage }).message }))
    .filter((message) => message.toRecipients.some((to) => to.emailAddress.address === address));
const enrollment = (id: string) =>
  org.transaction((tx) => tx.crmSequenceEnrollment.findUniqueOrThrow({ where: { id } }));
const dueAt = async (id: string) => (await enrollment(id)).nextDueAt?.getTime() ?? Number.NaN;

/** The email vendor's delivery status of `address`, as the tool layer publishes it from a webhook. */
const deliveryStatus = (address: string, status: 'delivered' | 'bounced', reason: string | null = null) =>
  sut.publishAs({
    type: 'tools.email.status_changed',
    data: {
      connectionId: randomUUID(),
      provider: 'resend',
      messageId: `re_${randomUUID()}`,
      status,
      recipients: [address],
      permanent: status === 'bounced' ? true : null,
      reason,
      subject: null,
      occurredAt: new Date().toISOString(),
    },
  });
const sequenceEndings = () =>
  org.transaction((tx) =>
    tx.crmActivity.findMany({ where: { kind: 'sequence.ended' }, orderBy: { occurredAt: 'asc' } }),
  );

interface SentMessage {
  subject: string;
  body: { content: string };
  toRecipients: { emailAddress: { address: string } }[];
  internetMessageHeaders: { name: string; value: string }[];
}

async function enroll(name: string, email: string): Promise<string> {
  const contact = await crm.ok<{ id: string }>('contacts.create', { companyId, name, email });
  const { enrollmentId } = await crm.ok<{ enrollmentId: string }>('sequences.enroll', {
    sequenceId,
    contactId: contact.id,
    mailbox: ANNA,
  });
  return enrollmentId;
}

beforeAll(async () => {
  trust = trustGraphStandIn();
  const { entries } = testKeyring();
  [fixture, graph] = await Promise.all([toolsFixture(), startGraphStandIn([ANNA])]);
  sut = await startTestSuite({
    modules: [crmModule, toolsModule],
    database: fixture.database,
    observe: [crmSequenceReplied],
    env: { VAULT_KEYS: entries.join(','), JOBS_ENABLED: 'false' },
  });
  org = forOrg(fixture.database.db.app, NORTHWIND);
  expect(await connectM365(org, graph, [ANNA])).toMatchObject({ ok: true });
  crm = await sut.staff('olivia@northwind.test', 'crm');
  companyId = (
    await crm.ok<{ id: string }>('companies.create', { name: 'Fabrikam', domain: 'fabrikam.test' })
  ).id;
  await crm.ok('deals.create', { companyId, name: 'Fabrikam backup', stage: 'proposal', value: '900.00' });
  ({ sequenceId } = await crm.ok<{ sequenceId: string }>('sequences.create', {
    name: 'Backup follow-up',
    steps: [
      {
        delayMinutes: 0,
        subject: 'Backups for {{company.name}}',
        body: 'Hi {{contact.firstName}}, about {{deal.name}}.',
      },
      { delayMinutes: 2 * 24 * 60, subject: 'Following up, {{contact.firstName}}', body: 'Any thoughts?' },
      { delayMinutes: 3 * 24 * 60, subject: 'Last note for {{company.name}}', body: 'Closing the loop.' },
    ],
  }));
});
afterAll(async () => {
  await sut?.close();
  await Promise.all([fixture?.close(), graph?.close(), trust?.close()]);
});

describe('CRM sequences through the connected Microsoft 365 mailbox', () => {
  it('sends three steps on schedule from the mailbox, each not before its delay, merged, in order', async () => {
    const jane = await enroll('Jane Roe', 'jane@fabrikam.test');
    const key = (step: number) => ({
      name: 'X-Suite-Idempotency-Key',
      value: `crm.sequence:${jane}:${step}`,
    });
    let previous = Number.NaN;
    for (const [index, delay] of [0, 2 * DAY, 3 * DAY].entries()) {
      const due = await dueAt(jane);
      if (index > 0) expect(due - previous).toBe(delay);
      expect(await sendAt(due - MINUTE)).toBe('no step due');
      expect(sentTo('jane@fabrikam.test')).toHaveLength(index);
      expect(await sendAt(due)).toBe(index === 2 ? '1 completed' : '1 sent');
      previous = due;
    }
    expect(sentTo('jane@fabrikam.test')).toEqual([
      {
        mailbox: ANNA,
        subject: 'Backups for Fabrikam',
        body: { contentType: 'Text', content: 'Hi Jane, about Fabrikam backup.' },
        toRecipients: [{ emailAddress: { address: 'jane@fabrikam.test' } }],
        internetMessageHeaders: [key(1)],
      },
      expect.objectContaining({ subject: 'Following up, Jane', internetMessageHeaders: [key(2)] }),
      expect.objectContaining({ subject: 'Last note for Fabrikam', internetMessageHeaders: [key(3)] }),
    ]);
    expect(await enrollment(jane)).toMatchObject({ status: 'completed', nextDueAt: null });
    expect(await sendAt(previous + 30 * DAY)).toBe('no step due');

    // The sent steps reach the timeline once each, as the sync sees them in Sent Items.
    await sync();
    await sync();
    const timeline = await org.transaction((tx) =>
      tx.crmActivity.findMany({ where: { kind: 'email', companyId }, orderBy: { occurredAt: 'asc' } }),
    );
    expect(timeline.map((entry) => entry.title)).toEqual([
      'Email sent: Backups for Fabrikam',
      'Email sent: Following up, Jane',
      'Email sent: Last note for Fabrikam',
    ]);
  });

  it('a reply synced from the inbox stops the enrollment before step 3', async () => {
    const tom = await enroll('Tom Tailor', 'tom@fabrikam.test');
    const first = await dueAt(tom);
    expect(await sendAt(first)).toBe('1 sent');
    const second = await dueAt(tom);
    expect(await sendAt(second)).toBe('1 sent');
    const reply = mail({
      subject: 'Re: Following up, Tom',
      from: 'tom@fabrikam.test',
      to: [ANNA],
      sentDateTime: new Date().toISOString(),
    });
    graph.add(ANNA, 'inbox', reply);
    expect(await sync()).toContain('0 folder(s) failed');

    expect(await enrollment(tom)).toMatchObject({ status: 'replied', nextDueAt: null, nextPosition: 3 });
    const replied = await eventually('crm.sequence.replied', async () =>
      sut.received.find((event) => event.type === 'crm.sequence.replied'),
    );
    expect(replied.data).toMatchObject({ enrollmentId: tom, sequenceId, messageId: reply.id, stepsSent: 2 });
    expect(await sendAt(second + 3 * DAY)).toBe('no step due');
    expect(sentTo('tom@fabrikam.test').map((message) => message.subject)).toEqual([
      'Backups for Fabrikam',
      'Following up, Tom',
    ]);
  });

  it('a hard bounce of the address ends the enrollment once; no later step goes out, even after a delivery', async () => {
    const ann = await enroll('Ann Bounce', 'ann@fabrikam.test');
    expect(await sendAt(await dueAt(ann))).toBe('1 sent');
    const second = await dueAt(ann);
    const rejected = 'The recipient mail server permanently rejected the email.';
    const bounce = await deliveryStatus('ann@fabrikam.test', 'bounced', rejected);
    await sut.handled(bounce.id);
    expect(await enrollment(ann)).toMatchObject({ status: 'bounced', nextDueAt: null, nextPosition: 2 });

    // The same envelope again, and the vendor's retry of the bounce under a new id, end nothing more.
    await sut.redeliver(bounce);
    await sut.handled((await deliveryStatus('ann@fabrikam.test', 'bounced', rejected)).id);
    expect((await sequenceEndings()).map((entry) => [entry.title, entry.detail])).toEqual([
      [
        `Sequence “Backup follow-up” ended for Ann Bounce: email bounced (${rejected})`,
        { enrollmentId: ann, sequenceId, reason: 'email bounced', bounceReason: rejected, stepsSent: 1 },
      ],
    ]);

    // A later delivery lifts the contact's flag but does not enrol it again.
    await sut.handled((await deliveryStatus('ann@fabrikam.test', 'delivered')).id);
    expect(await sendAt(second)).toBe('no step due');
    expect(await sendAt(second + 10 * DAY)).toBe('no step due');
    expect(await enrollment(ann)).toMatchObject({ status: 'bounced', nextPosition: 2 });
    expect(sentTo('ann@fabrikam.test').map((message) => message.subject)).toEqual(['Backups for Fabrikam']);
    const { contactId } = await enrollment(ann);
    expect(await crm.mutate('sequences.enroll', { sequenceId, contactId, mailbox: ANNA })).toMatchObject({
      status: 409,
      message: expect.stringContaining('already (bounced)'),
    });
  });

  it('the runner mails no contact flagged as bounced: it ends the enrollment instead of sending', async () => {
    const contact = await crm.ok<{ id: string }>('contacts.create', {
      companyId,
      name: 'Bo Gone',
      email: 'bo@fabrikam.test',
    });
    await sut.handled((await deliveryStatus('bo@fabrikam.test', 'bounced', 'no such user')).id);
    const { enrollmentId: bo } = await crm.ok<{ enrollmentId: string }>('sequences.enroll', {
      sequenceId,
      contactId: contact.id,
      mailbox: ANNA,
    });
    expect(await sendAt(await dueAt(bo))).toBe('1 bounced');
    expect(sentTo('bo@fabrikam.test')).toEqual([]);
    expect(await enrollment(bo)).toMatchObject({ status: 'bounced', nextDueAt: null, nextPosition: 1 });
    expect((await sequenceEndings()).at(-1)).toMatchObject({
      title: 'Sequence “Backup follow-up” ended for Bo Gone: email bounced (no such user)',
      detail: { enrollmentId: bo, reason: 'email bounced', stepsSent: 0 },
    });
  });

  it('a retry after a crash between the send and the commit does not send twice', async () => {
    const kim = await enroll('Kim Akers', 'kim@fabrikam.test');
    const due = await dueAt(kim);
    expect(await sendAtRefusingCommits(due)).toBe('1 failed');
    // Graph accepted the step, CRM's transaction died: the enrollment is still at step 1.
    expect(sentTo('kim@fabrikam.test')).toHaveLength(1);
    expect(await enrollment(kim)).toMatchObject({ status: 'active', nextPosition: 1 });

    expect(await sendAt(due)).toBe('1 sent');
    expect(sentTo('kim@fabrikam.test')).toHaveLength(1);
    expect(await enrollment(kim)).toMatchObject({ status: 'active', nextPosition: 2 });
    const calls = await org.transaction((tx) =>
      tx.toolsCall.findMany({ where: { idempotencyKey: `crm.sequence:${kim}:1` } }),
    );
    expect(calls).toHaveLength(1);
  });

  it('a step that cannot be sent stays due without holding back the steps due after it', async () => {
    const litware = await crm.ok<{ id: string }>('companies.create', {
      name: 'Litware',
      domain: 'litware.test',
    });
    const lee = await crm.ok<{ id: string }>('contacts.create', {
      companyId: litware.id,
      name: 'Lee Ola',
      email: 'lee@litware.test',
    });
    // Litware has no open deal: the body merges to nothing, which send_email refuses.
    const dealOnly = await crm.ok<{ sequenceId: string }>('sequences.create', {
      name: 'Deal reminder',
      steps: [{ delayMinutes: 0, subject: 'Your deal', body: '{{deal.name}}' }],
    });
    const { enrollmentId: stuck } = await crm.ok<{ enrollmentId: string }>('sequences.enroll', {
      sequenceId: dealOnly.sequenceId,
      contactId: lee.id,
      mailbox: ANNA,
    });
    const pat = await enroll('Pat Coleman', 'pat@fabrikam.test');
    expect(await sendAt(await dueAt(pat))).toBe('1 failed, 1 sent');
    expect(sentTo('pat@fabrikam.test').map((message) => message.subject)).toEqual(['Backups for Fabrikam']);
    expect(sentTo('lee@litware.test')).toEqual([]);
    expect(await enrollment(stuck)).toMatchObject({ status: 'active', nextPosition: 1 });
  });

  it('staff list enrollments by sequence, contact and status, with where each one stands', async () => {
    const rows = await org.transaction((tx) =>
      tx.crmSequenceEnrollment.findMany({ where: { sequenceId }, orderBy: { createdAt: 'desc' } }),
    );
    const listed = await crm.ok<Record<string, unknown>[]>('sequences.enrollments', { sequenceId }, 'query');
    expect(listed.map((entry) => entry.enrollmentId)).toEqual(rows.map((row) => row.id));
    expect(new Set(listed.map((entry) => entry.status))).toEqual(
      new Set(['completed', 'replied', 'bounced', 'active']),
    );

    const jane = listed.find((entry) => entry.contactName === 'Jane Roe');
    expect(jane).toMatchObject({
      sequenceName: 'Backup follow-up',
      status: 'completed',
      stepsSent: 3,
      mailbox: ANNA,
      nextDueAt: null,
    });
    expect(listed.find((entry) => entry.contactName === 'Tom Tailor')).toMatchObject({
      status: 'replied',
      stepsSent: 2,
    });
    const kim = listed.find((entry) => entry.contactName === 'Kim Akers');
    const kimRow = rows.find((row) => row.id === kim?.enrollmentId);
    expect(kim).toMatchObject({
      status: 'active',
      stepsSent: 1,
      nextDueAt: kimRow?.nextDueAt?.toISOString(),
    });

    const bounced = await crm.ok<Record<string, unknown>[]>(
      'sequences.enrollments',
      { status: 'bounced' },
      'query',
    );
    expect(bounced.map((entry) => entry.contactName).sort()).toEqual(['Ann Bounce', 'Bo Gone']);
    expect(
      await crm.ok<Record<string, unknown>[]>(
        'sequences.enrollments',
        { contactId: kim?.contactId },
        'query',
      ),
    ).toEqual([kim]);
    expect(await crm.query('sequences.enrollments', { status: 'lost' })).toMatchObject({ status: 400 });
  });
});

describe('restarting a sequence that ended on a bounce', () => {
  const restart = (enrollmentId: string) => crm.mutate('sequences.restart', { enrollmentId });
  const stepCalls = (idempotencyKey: string) =>
    org.transaction((tx) => tx.toolsCall.findMany({ where: { idempotencyKey } }));

  // The enrollments left running above (one of them fails on every run) end, so each run here reports
  // only the steps of this block.
  beforeAll(async () => {
    const active = await crm.ok<{ enrollmentId: string }[]>(
      'sequences.enrollments',
      { status: 'active' },
      'query',
    );
    for (const { enrollmentId } of active) await crm.ok('sequences.unenroll', { enrollmentId });
  });

  it('starts over from the first step once the address is fixed, under keys of its own; a retry sends nothing twice', async () => {
    const rae = await enroll('Rae Restart', 'rae@fabrikam.test');
    expect(await sendAt(await dueAt(rae))).toBe('1 sent');
    await sut.handled((await deliveryStatus('rae@fabrikam.test', 'bounced', 'mailbox unavailable')).id);
    expect(await enrollment(rae)).toMatchObject({ status: 'bounced', nextPosition: 2, restarts: 0 });

    expect(await restart(rae)).toMatchObject({
      status: 409,
      message: expect.stringContaining("fix the contact's address first"),
    });
    const { contactId } = await enrollment(rae);
    await crm.ok('contacts.update', { contactId, email: 'rae.new@fabrikam.test' });

    // Two calls at once restart it once; a third finds it running.
    const answers = await Promise.all([restart(rae), restart(rae)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)?.message).toContain('is active, not bounced');
    expect(await restart(rae)).toMatchObject({ status: 409, message: expect.stringContaining('is active') });
    const restarted = await enrollment(rae);
    expect(restarted).toMatchObject({ status: 'active', nextPosition: 1, restarts: 1, endedAt: null });
    expect(answers.find((answer) => answer.status === 200)?.data).toEqual({
      enrollmentId: rae,
      restarts: 1,
      nextDueAt: restarted.nextDueAt?.toISOString(),
    });
    const restarts = await org.transaction((tx) =>
      tx.crmActivity.findMany({ where: { kind: 'sequence.restarted', contactId } }),
    );
    expect(restarts.map((entry) => [entry.companyId, entry.title, entry.detail])).toEqual([
      [
        companyId,
        'Sequence “Backup follow-up” restarted for Rae Restart by Olivia Owner',
        {
          enrollmentId: rae,
          sequenceId,
          restartedBy: '5d0e3f7a-1b2c-4d5e-8f90-a1b2c3d4e501',
          restarts: 1,
          stepsSentBefore: 1,
        },
      ],
    ]);

    // The first step goes out again, a send of its own: the tool layer does not take it for the first run's.
    const due = await dueAt(rae);
    expect(await sendAtRefusingCommits(due)).toBe('1 failed');
    expect(await sendAt(due)).toBe('1 sent');
    expect(sentTo('rae.new@fabrikam.test')).toEqual([
      expect.objectContaining({
        subject: 'Backups for Fabrikam',
        internetMessageHeaders: [
          { name: 'X-Suite-Idempotency-Key', value: `crm.sequence:${rae}:restart-1:1` },
        ],
      }),
    ]);
    expect(await stepCalls(`crm.sequence:${rae}:1`)).toHaveLength(1);
    expect(await stepCalls(`crm.sequence:${rae}:restart-1:1`)).toHaveLength(1);
    expect(await enrollment(rae)).toMatchObject({ status: 'active', nextPosition: 2, restarts: 1 });
    expect(await crm.ok<Record<string, unknown>[]>('sequences.enrollments', { contactId }, 'query')).toEqual([
      expect.objectContaining({ enrollmentId: rae, status: 'active', stepsSent: 1, restarts: 1 }),
    ]);

    // Bouncing again ends the restarted run with an entry of its own.
    await sut.handled((await deliveryStatus('rae.new@fabrikam.test', 'bounced', 'still unavailable')).id);
    expect((await sequenceEndings()).filter((entry) => entry.contactId === contactId)).toHaveLength(2);
  });

  it('refuses an unknown enrollment and one that did not end on a bounce, saying why', async () => {
    expect(await restart(randomUUID())).toMatchObject({
      status: 404,
      message: expect.stringContaining('sequence enrollment'),
    });
    const max = await enroll('Max Active', 'max@fabrikam.test');
    expect(await restart(max)).toMatchObject({
      status: 409,
      message: expect.stringContaining('is active, not bounced'),
    });
    expect(await crm.ok('sequences.unenroll', { enrollmentId: max })).toEqual({ ended: true });
    expect(await restart(max)).toMatchObject({
      status: 409,
      message: expect.stringContaining('is unenrolled, not bounced'),
    });
    expect(await enrollment(max)).toMatchObject({ status: 'unenrolled', restarts: 0 });
    expect(await restart('not-an-id')).toMatchObject({ status: 400 });
  });
});

/** Runs the job at `slot` with every enrollment commit refused (below), as a crash after the sends. */
async function sendAtRefusingCommits(slot: number): Promise<string | undefined> {
  const undo = await refuseEnrollmentCommits();
  try {
    return await sendAt(slot);
  } finally {
    await undo();
  }
}

/**
 * Makes every commit that advances an enrollment fail, as a process dying after the vendor call would
 * leave it: a deferred constraint trigger refuses at COMMIT, after the step's send went out. Until undone.
 */
async function refuseEnrollmentCommits(): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: fixture.database.url });
  await client.connect();
  await client.query(`CREATE OR REPLACE FUNCTION crm.refuse_commit_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'commit refused for enrollment %', NEW.id; END $$`);
  await client.query(`CREATE CONSTRAINT TRIGGER refuse_commit_for_test AFTER UPDATE ON crm.sequence_enrollment
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION crm.refuse_commit_for_test()`);
  return async () => {
    await client.query('DROP TRIGGER refuse_commit_for_test ON crm.sequence_enrollment');
    await client.end();
  };
}
