import { booksModule } from '@suite/books';
import { publishedEvents } from '@suite/bus/testing';
import { crmModule } from '@suite/crm';
import type { OrgScope } from '@suite/db';
import { portalModule } from '@suite/portal';
import { psaModule } from '@suite/psa';
import { configureVault, forgetPerson, toolsModule } from '@suite/tools';
import {
  connect,
  connectOAuth,
  type HubspotStandIn,
  REST_CRM_KEY,
  type RestCrmStandIn,
  startHubspotStandIn,
  startRestCrmStandIn,
  type ToolsFixture,
  testKeyring,
  toolsFixture,
  withCrmDriver,
} from '@suite/tools/testing';
import { voiceModule } from '@suite/voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Right to erasure end to end: our modules' hooks on a real database, HubSpot and a CRM without delete
// through their loopback stand-ins, the audit trail and the outbox (docs/decisions/0113).
const MODULES = [crmModule, psaModule, booksModule, toolsModule, voiceModule, portalModule];
const by = { actor: 'cli:dpo' };
const purpose = { actorType: 'operator', actorId: 'test', purpose: 'seed' } as const;
const GRACE = { email: 'Grace.Hopper@Example.com', phone: '+44 20 7946 0123', e164: '+442079460123' };

let fixture: ToolsFixture;
beforeAll(async () => {
  configureVault({ VAULT_KEYS: testKeyring().entries.join(',') });
  fixture = await toolsFixture();
}, 60_000);
afterAll(() => fixture?.close());

/** Grace at CRM (contact, a note about her, an email she sent), in Voice (a recorded call), plus a colleague kept. */
async function seedGrace(org: OrgScope) {
  return org.transaction(async (tx) => {
    const company = await tx.crmCompany.create({ data: { name: 'Navy Labs' } });
    const grace = await tx.crmContact.create({
      data: { companyId: company.id, name: 'Grace Hopper', email: GRACE.email, phone: GRACE.phone },
    });
    await tx.crmContactPhone.create({ data: { contactId: grace.id, kind: 'work', e164: GRACE.e164 } });
    const kept = await tx.crmContact.create({
      data: { companyId: company.id, name: 'Alan Kept', email: 'alan@example.com' },
    });
    const at = new Date();
    const note = await tx.crmActivity.create({
      data: {
        companyId: company.id,
        contactId: grace.id,
        kind: 'note',
        title: 'Call with Grace',
        detail: { body: 'Grace wants the compiler upgrade' },
        occurredAt: at,
      },
    });
    const email = (from: string, key: string) =>
      tx.crmActivity.create({
        data: {
          companyId: company.id,
          kind: 'email',
          title: 'Email received: upgrade',
          detail: { from, to: ['sales@msp.test'], cc: [], contactIds: [] },
          occurredAt: at,
          sourceKey: key,
        },
      });
    const graceEmail = await email('grace.hopper@example.com', 'email:m1:x');
    const alanEmail = await email('alan@example.com', 'email:m2:x');
    const call = await tx.voiceCall.create({
      data: {
        provider: 'twilio',
        vendorCallId: 'CA1',
        direction: 'inbound',
        status: 'completed',
        fromNumber: GRACE.e164,
        toNumber: '+442079460999',
        remoteNumber: GRACE.e164,
        contactId: grace.id,
        companyId: company.id,
        note: 'Grace called about the upgrade',
        durationSeconds: 95,
        startedAt: at,
      },
    });
    await tx.voiceRecording.create({ data: { callId: call.id, vendorRecordingId: 'RE1', readyAt: at } });
    const client = await tx.psaClient.create({ data: { crmCompanyId: company.id, name: 'Navy Labs' } });
    await tx.psaClientContact.createMany({
      data: [
        { clientId: client.id, crmContactId: grace.id, name: 'Grace Hopper', phone: GRACE.phone },
        { clientId: client.id, crmContactId: kept.id, name: 'Alan Kept', email: 'alan@example.com' },
      ],
    });
    const portal = await tx.portalPortal.create({
      data: { slug: `p-${company.id.slice(0, 8)}`, name: 'Navy portal', branding: {}, features: [] },
    });
    await tx.portalUser.create({
      data: {
        portalId: portal.id,
        contactId: grace.id,
        companyId: company.id,
        email: 'grace.hopper@example.com',
        name: 'Grace Hopper',
        invitedBy: 'staff-1',
      },
    });
    await tx.booksBillingAccount.create({
      data: {
        crmCompanyId: company.id,
        currency: 'GBP',
        billingContact: 'Grace Hopper',
        billingEmail: GRACE.email,
      },
    });
    return { grace, kept, note, graceEmail, alanEmail, call };
  });
}

const auditOf = (org: OrgScope, subjectHash: string) =>
  org.transaction((tx) =>
    tx.auditLogEntry.findMany({ where: { target: subjectHash, action: { startsWith: 'tools.erasure.' } } }),
  );
const erasedEvents = (org: OrgScope) =>
  publishedEvents(fixture.database.db, { type: 'platform.person.erased', orgId: org.orgId });

describe('forget across our CRM, Voice and HubSpot', () => {
  let hubspot: HubspotStandIn;
  let org: OrgScope;
  let seeded: Awaited<ReturnType<typeof seedGrace>>;
  let hubspotId: string;
  beforeAll(async () => {
    hubspot = await startHubspotStandIn();
    org = await fixture.createOrg('Erasing MSP');
    expect(await connectOAuth(org, 'hubspot', hubspot.url, {})).toMatchObject({ ok: true });
    seeded = await seedGrace(org);
    const record = await org.transaction((tx) =>
      withCrmDriver(tx, { provider: 'hubspot' }, { orgId: org.orgId, purpose }, (driver) =>
        driver.createRecord({
          object: 'contact',
          fields: { email: 'grace.hopper@example.com', lastName: 'Hopper' },
          idempotencyKey: 'seed-grace',
        }),
      ),
    );
    hubspotId = record.externalId;
  }, 60_000);
  afterAll(() => hubspot?.close());

  it('erases the person everywhere, audits every step and publishes platform.person.erased with hashes only', async () => {
    const report = await forgetPerson(
      org,
      MODULES,
      { email: GRACE.email, phone: GRACE.phone, country: 'GB' },
      by,
    );

    expect(report.divergences).toBe(0);
    expect(report.steps).toEqual(
      expect.arrayContaining([
        {
          step: 'module crm',
          outcome: 'done',
          detail: '1 contact, 1 synced email, 1 timeline entry redacted',
        },
        { step: 'module voice', outcome: 'done', detail: '1 call number removed, 1 recording reference' },
        { step: 'module psa', outcome: 'done', detail: '1 client contact' },
        { step: 'module books', outcome: 'done', detail: '1 billing contact' },
        { step: 'module portal', outcome: 'done', detail: '1 portal user' },
        {
          step: 'CRM HubSpot',
          outcome: 'done',
          detail: `${hubspotId} archived (the vendor purges it later)`,
        },
      ]),
    );
    const left = await org.transaction(async (tx) => ({
      contacts: await tx.crmContact.findMany({ select: { id: true } }),
      note: await tx.crmActivity.findFirst({ where: { id: seeded.note.id } }),
      emails: await tx.crmActivity.findMany({ where: { kind: 'email' }, select: { id: true } }),
      call: await tx.voiceCall.findFirst({ where: { id: seeded.call.id } }),
      recordings: await tx.voiceRecording.count({ where: { deletedAt: null } }),
      psaContacts: await tx.psaClientContact.findMany({ select: { name: true } }),
      portalUsers: await tx.portalUser.count(),
      billing: await tx.booksBillingAccount.findFirst({
        select: { billingContact: true, billingEmail: true },
      }),
    }));
    expect(left.contacts).toEqual([{ id: seeded.kept.id }]);
    expect(left.note).toMatchObject({ title: 'Erased at the person’s request', detail: {}, contactId: null });
    expect(left.emails).toEqual([{ id: seeded.alanEmail.id }]);
    expect(left.call).toMatchObject({
      fromNumber: 'erased',
      remoteNumber: 'erased',
      toNumber: '+442079460999',
      note: null,
      contactId: null,
      durationSeconds: 95,
    });
    expect(left.recordings).toBe(0);
    expect(left.psaContacts).toEqual([{ name: 'Alan Kept' }]);
    expect(left.portalUsers).toBe(0);
    expect(left.billing).toEqual({ billingContact: null, billingEmail: null });
    expect(hubspot.stored('contacts', hubspotId)).toMatchObject({ archived: true });

    const audit = await auditOf(org, report.subjectHash);
    expect(audit.map((row) => row.action).sort()).toEqual([
      'tools.erasure.completed',
      ...Array(report.steps.length).fill('tools.erasure.step'),
    ]);
    const [event, ...more] = await erasedEvents(org);
    expect(more).toEqual([]);
    expect(event?.aggregateId).toBe(report.subjectHash);
    expect(event?.payload).toMatchObject({ orgId: org.orgId, subjectHash: report.subjectHash });
    const written = JSON.stringify([audit, event?.payload, event?.attributes]).toLowerCase();
    expect(written).not.toContain('grace');
    expect(written).not.toContain('7946');
  });

  it('a second run finds nothing, changes nothing and publishes nothing new', async () => {
    const again = await forgetPerson(org, MODULES, { email: GRACE.email, phone: GRACE.e164 }, by);
    expect(again.steps.every((step) => step.outcome === 'nothing_found')).toBe(true);
    expect(again.eventPublished).toBe(false);
    expect(await erasedEvents(org)).toHaveLength(1);
    const completed = (await auditOf(org, again.subjectHash)).filter(
      (row) => row.action === 'tools.erasure.completed',
    );
    expect(completed).toHaveLength(2);
  });
});

describe('forget with a CRM that cannot delete', () => {
  let crm: RestCrmStandIn;
  let org: OrgScope;
  let externalId: string;
  beforeAll(async () => {
    crm = await startRestCrmStandIn();
    org = await fixture.createOrg('REST MSP');
    expect(
      await connect(
        org,
        'generic-rest',
        { secret: REST_CRM_KEY },
        {
          baseUrl: `${crm.url}/api`,
          authType: 'header',
          authHeader: 'X-API-Key',
          templates: { delete: null },
        },
      ),
    ).toMatchObject({ ok: true });
    ({ externalId } = await org.transaction((tx) =>
      withCrmDriver(tx, {}, { orgId: org.orgId, purpose }, (driver) =>
        driver.createRecord({
          object: 'contact',
          fields: { email: 'ada@example.com', lastName: 'Lovelace' },
          idempotencyKey: 'seed-ada',
        }),
      ),
    ));
  }, 60_000);
  afterAll(() => crm?.close());

  it('flags a divergence to delete by hand, audits it, and still completes', async () => {
    const report = await forgetPerson(org, MODULES, { email: 'ada@example.com' }, by);
    const divergence = {
      step: 'CRM Generic REST CRM',
      outcome: 'divergence',
      detail: expect.stringContaining(`delete manually at`),
    };
    expect(report.steps).toContainEqual(divergence);
    expect(report.steps.find((step) => step.outcome === 'divergence')?.detail).toContain(externalId);
    expect(report.divergences).toBe(1);
    expect(crm.stored('contacts', externalId)).toMatchObject({ lastName: 'Lovelace' });
    const audit = await auditOf(org, report.subjectHash);
    expect(audit.filter((row) => row.action === 'tools.erasure.divergence')).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({ ...divergence, provider: 'generic-rest' }),
      }),
    ]);
    expect(audit.some((row) => row.action === 'tools.erasure.completed')).toBe(true);
    expect(await erasedEvents(org)).toHaveLength(1);
  });
});

describe('forget refuses bad input, naming the field', () => {
  let org: OrgScope;
  beforeAll(async () => {
    org = await fixture.createOrg('Careful MSP');
  });

  it('neither email nor phone', async () => {
    await expect(forgetPerson(org, MODULES, {}, by)).rejects.toMatchObject({
      field: 'email',
      message: expect.stringContaining('give the email or the phone number'),
    });
  });

  it('a malformed phone or email', async () => {
    await expect(forgetPerson(org, MODULES, { phone: '12-nope' }, by)).rejects.toMatchObject({
      field: 'phone',
      message: expect.stringContaining('phone: "12-nope"'),
    });
    await expect(forgetPerson(org, MODULES, { email: 'not-an-address' }, by)).rejects.toMatchObject({
      field: 'email',
    });
    expect(await erasedEvents(org)).toEqual([]);
  });
});
