import type { OrgScope } from '@suite/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsModule } from '../src';
import { sentEmailPurgeJob } from '../src/jobs/sent-email-purge.job';
import { withSentSubjects } from '../src/sent-emails/sent-email.service';
import { type ToolsFixture, toolsFixture } from './support/tools-fixture';

const DAY_MS = 86_400_000;
let fixture: ToolsFixture;

beforeAll(async () => {
  fixture = await toolsFixture();
});
afterAll(() => fixture?.close());

/** Records an email sent `ageDays` ago through Resend; its message id names its age. */
async function sent(org: OrgScope, ageDays: number): Promise<string> {
  const messageId = `re_${ageDays}d`;
  await org.transaction((tx) =>
    tx.toolsSentEmail.create({
      data: {
        provider: 'resend',
        messageId,
        subject: `Sent ${ageDays} days ago`,
        sentAt: new Date(Date.now() - ageDays * DAY_MS),
      },
    }),
  );
  return messageId;
}

const messageIds = (org: OrgScope) =>
  org.transaction(async (tx) =>
    (await tx.toolsSentEmail.findMany({ select: { messageId: true } })).map((row) => row.messageId).sort(),
  );

/** The subject a Resend delivery status of `messageId` gets from the tool layer's record. */
async function subjectOfStatus(org: OrgScope, messageId: string) {
  const [event] = await org.transaction((tx) =>
    withSentSubjects(tx, [
      {
        type: 'tools.email.status_changed',
        data: {
          connectionId: '00000000-0000-4000-8000-000000000001',
          provider: 'resend',
          messageId,
          status: 'complained',
          recipients: ['client@acme.example'],
          permanent: null,
          reason: null,
          subject: null,
          occurredAt: new Date().toISOString(),
        },
      },
    ]),
  );
  return event?.type === 'tools.email.status_changed' ? event.data.subject : 'not an email status';
}

describe('tools.sent-email-purge', () => {
  it('is one of the tools module’s jobs', () => {
    expect(toolsModule.jobs).toContain(sentEmailPurgeJob);
  });

  it('deletes sent-email records older than 30 days in every org, keeps younger ones', async () => {
    const acme = await fixture.createOrg();
    const globex = await fixture.createOrg('Globex MSP');
    const acmeOld = [await sent(acme, 31), await sent(acme, 90)];
    const acmeYoung = [await sent(acme, 29), await sent(acme, 0)];
    await sent(globex, 45);
    const globexYoung = await sent(globex, 2);

    const summary = await sentEmailPurgeJob.run({
      db: fixture.database.db,
      log: pino({ level: 'silent' }),
      slot: new Date(),
    });

    expect(summary).toMatch(/^deleted 3 sent email record\(s\) in \d+ org\(s\)$/);
    expect(await messageIds(acme)).toEqual([...acmeYoung].sort());
    expect(await messageIds(globex)).toEqual([globexYoung]);

    // A status of a purged email is named as one sent outside the suite (subject null); a kept one by its subject.
    expect(await subjectOfStatus(acme, acmeOld[0] as string)).toBeNull();
    expect(await subjectOfStatus(acme, acmeYoung[0] as string)).toBe('Sent 29 days ago');
  });
});
