import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@suite/bus';
import { crmModule } from '@suite/crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffClient } from '../../support/staff-client';
import { eventually, startTestSuite, type TestSuite } from '../../support/suite-fixture';
import { createCompany } from './support/crm-data';

// The email vendors' delivery status (Resend's signed webhooks, published by the tool layer as
// tools.email.status_changed) reaches CRM over the bus: the timeline shows it, a hard bounce flags the contact.

let sut: TestSuite;
let olivia: StaffClient;
let companyId: string;
let contactId: string;

interface TimelineEntry {
  kind: string;
  title: string;
  detail: { messageId?: string; status?: string };
}
interface ContactView {
  id: string;
  email: string | null;
  emailBounced: { at: string; reason: string | null } | null;
}

beforeAll(async () => {
  sut = await startTestSuite({ modules: [crmModule] });
  olivia = await sut.staff('olivia@northwind.test', 'crm');
  companyId = (await createCompany(olivia, 'Bounce Ltd', 'bounce.example')).id;
  contactId = (
    await olivia.ok<ContactView>('contacts.create', {
      companyId,
      name: 'Ann Client',
      email: 'Ann.Client@bounce.example',
    })
  ).id;
});
afterAll(async () => {
  await sut?.close();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const emailStatus = (
  messageId: string,
  status: 'sent' | 'delivered' | 'delivery_delayed' | 'bounced',
  occurredAt: string,
  bounce: { permanent: boolean; reason: string } | null = null,
  to = 'ann.client@bounce.example',
  subject: string | null = null,
) =>
  sut.publishAs({
    type: 'tools.email.status_changed',
    data: {
      connectionId: randomUUID(),
      provider: 'resend',
      messageId,
      status,
      recipients: [to, 'nobody@elsewhere.example'],
      permanent: bounce?.permanent ?? null,
      reason: bounce?.reason ?? null,
      subject,
      occurredAt,
    },
  });
const handled = (event: EventEnvelope) => sut.handled(event.id);
const statusEntries = async () =>
  (
    await olivia.ok<{ items: TimelineEntry[] }>('timeline.list', { companyId, limit: 100 }, 'query')
  ).items.filter((entry) => entry.kind === 'email.status');
const contact = async () =>
  (await olivia.ok<{ contacts: ContactView[] }>('companies.get', { companyId }, 'query')).contacts.find(
    (candidate) => candidate.id === contactId,
  );

describe('CRM hears the delivery status of emails the org sent', () => {
  it('shows the latest status on the contact’s timeline, once per email, and flags a hard bounce', async () => {
    const first = `re_${randomUUID()}`;
    await emailStatus(first, 'delivered', minutesAgo(50));
    await eventually('the delivered email on the timeline', async () => (await statusEntries()).length === 1);
    const bounce = await emailStatus(first, 'bounced', minutesAgo(40), {
      permanent: true,
      reason: "The recipient's mail server permanently rejected the email.",
    });
    await handled(bounce);

    // The same envelope again, and a status older than the bounce arriving late, change nothing.
    await sut.redeliver(bounce);
    await handled(await emailStatus(first, 'delivery_delayed', minutesAgo(45)));
    const entries = await statusEntries();
    expect(entries).toEqual([
      {
        activityId: expect.any(String),
        kind: 'email.status',
        title:
          "Email to Ann Client <ann.client@bounce.example>: bounced, the address does not accept mail (The recipient's mail server permanently rejected the email.)",
        detail: expect.objectContaining({ messageId: first, status: 'bounced', permanent: true }),
        occurredAt: expect.any(String),
      },
    ]);
    expect((await contact())?.emailBounced).toEqual({
      at: expect.any(String),
      reason: "The recipient's mail server permanently rejected the email.",
    });

    // A later email delivered to the address lifts the flag; it has its own entry.
    const second = `re_${randomUUID()}`;
    await handled(await emailStatus(second, 'sent', minutesAgo(20)));
    expect((await contact())?.emailBounced).not.toBeNull();
    await handled(await emailStatus(second, 'delivered', minutesAgo(19)));
    expect((await contact())?.emailBounced).toBeNull();
    expect((await statusEntries()).map((entry) => [entry.detail.messageId, entry.detail.status])).toEqual([
      [second, 'delivered'],
      [first, 'bounced'],
    ]);

    // Staff giving the contact a new address also lifts a bounce, which was of the old one.
    await handled(
      await emailStatus(`re_${randomUUID()}`, 'bounced', minutesAgo(5), { permanent: true, reason: 'gone' }),
    );
    expect((await contact())?.emailBounced).toMatchObject({ reason: 'gone' });
    await olivia.ok('contacts.update', { contactId, email: 'ann@bounce.example' });
    expect((await contact())?.emailBounced).toBeNull();
  });

  it('leaves a soft bounce unflagged and an unknown recipient without a trace', async () => {
    const before = (await statusEntries()).length;
    const soft = `re_${randomUUID()}`;
    const bounce = { permanent: false, reason: 'mailbox full' };
    await handled(await emailStatus(soft, 'bounced', minutesAgo(1), bounce, 'ann@bounce.example'));
    expect((await statusEntries())[0]).toMatchObject({
      title: 'Email to Ann Client <ann@bounce.example>: bounced (mailbox full)',
      detail: { messageId: soft, status: 'bounced', permanent: false },
    });
    expect((await contact())?.emailBounced).toBeNull();
    const gone = { permanent: true, reason: 'gone' };
    await handled(
      await emailStatus(`re_${randomUUID()}`, 'bounced', minutesAgo(1), gone, 'stranger@elsewhere.example'),
    );
    expect((await statusEntries()).length).toBe(before + 1);
    expect((await contact())?.emailBounced).toBeNull();
  });

  it('names the email by the subject the org sent it with, when the tool layer knows it', async () => {
    const invoice = `re_${randomUUID()}`;
    const delivered = await emailStatus(
      invoice,
      'delivered',
      minutesAgo(1),
      null,
      'ann@bounce.example',
      'Your April invoice',
    );
    await handled(delivered);
    expect((await statusEntries()).find((entry) => entry.detail.messageId === invoice)).toMatchObject({
      title: 'Email "Your April invoice" to Ann Client <ann@bounce.example>: delivered',
      detail: { messageId: invoice, status: 'delivered', subject: 'Your April invoice' },
    });
  });
});
