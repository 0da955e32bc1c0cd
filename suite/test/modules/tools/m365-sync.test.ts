import { crmModule } from '@suite/crm';
import type { OrgScope } from '@suite/db';
import { changeMembership, upsertUser } from '@suite/hub-auth';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger';
import { startTestSuite, type TestSuite } from '../../support/suite-fixture';

// A Microsoft 365 tenant of an MSP (msp.example) with two synced staff mailboxes, and its CRM.
const ANNA = 'anna@msp.example';
const BEN = 'ben@msp.example';
const OWNER = { id: 'hub-owner-m365', email: 'owner@msp.example', name: 'Olive Owner' };

let trust: { close(): Promise<void> };
let fixture: ToolsFixture;
let graph: GraphStandIn;
let sut: TestSuite;
let org: OrgScope;
let acme: string;
let globex: string;
let initech: string;
let jane: string;

const sync = () =>
  runDeltaSync({
    db: fixture.database.db,
    log: createLogger('silent'),
    integrations: sut.suite.integrations,
  });
const emailEntries = () =>
  org.transaction((tx) =>
    tx.crmActivity.findMany({ where: { kind: 'email' }, orderBy: [{ occurredAt: 'asc' }, { seq: 'asc' }] }),
  );
const cursors = () =>
  org.transaction((tx) =>
    tx.toolsMailFolderCursor.findMany({ orderBy: [{ folder: 'asc' }, { mailbox: 'asc' }] }),
  );

beforeAll(async () => {
  trust = trustGraphStandIn();
  const { entries } = testKeyring();
  [fixture, graph] = await Promise.all([toolsFixture(), startGraphStandIn([ANNA, BEN])]);
  sut = await startTestSuite({
    modules: [crmModule, toolsModule],
    database: fixture.database,
    env: { VAULT_KEYS: entries.join(','), JOBS_ENABLED: 'false' },
  });
  org = await fixture.createOrg('MSP');
  await upsertUser(fixture.database.db.system, OWNER);
  await changeMembership(fixture.database.db.system, { orgId: org.orgId, userId: OWNER.id, role: 'Owner' });
  await org.transaction(async (tx) => {
    await tx.crmSettings.create({ data: { ownDomains: ['msp.example', 'msp-support.example'] } });
    acme = (await tx.crmCompany.create({ data: { name: 'Acme', domain: 'acme-client.com' } })).id;
    globex = (await tx.crmCompany.create({ data: { name: 'Globex', domain: 'Globex.com' } })).id;
    initech = (await tx.crmCompany.create({ data: { name: 'Initech', domain: 'gmail.com' } })).id;
    jane = (
      await tx.crmContact.create({
        data: { companyId: acme, name: 'Jane Roe', email: 'Jane@Acme-Client.com' },
      })
    ).id;
    await tx.crmContact.create({
      data: {
        companyId: initech,
        name: 'Carl',
        email: 'carl@initech.example',
        additionalEmails: ['carl.private@gmail.com'],
      },
    });
  });
});
afterAll(async () => {
  await sut?.close();
  await Promise.all([fixture?.close(), graph?.close(), trust?.close()]);
});

describe('Microsoft 365 email sync', () => {
  it('verifies with actionable errors: wrong secret, missing consent, a mailbox that does not exist', async () => {
    const wrongSecret = await connectM365(org, graph, [ANNA], { secret: 'not-the-secret-value' });
    expect(wrongSecret).toMatchObject({ ok: false, field: 'credential.clientSecret' });
    expect(wrongSecret.message).toContain('client secret');
    graph.consent(false);
    const noConsent = await connectM365(org, graph, [ANNA]);
    graph.consent(true);
    expect(noConsent.message).toContain('Grant admin consent');
    const noMailbox = await connectM365(org, graph, [ANNA, 'ghost@msp.example']);
    expect(noMailbox).toMatchObject({ ok: false, field: 'settings.mailboxes' });
    expect(noMailbox.message).toContain('ghost@msp.example does not exist');
    expect(await connectM365(org, graph, [ANNA, BEN])).toMatchObject({ ok: true, health: 'connected' });
  });

  it('logs inbox and sent mail to contacts and companies once; free-mail, internal and unmatched mail stay out', async () => {
    const fromJane = mail({ subject: 'Printer down', from: 'jane@acme-client.com', to: [ANNA], cc: [BEN] });
    const toJane = mail({ subject: 'Re: Printer down', from: ANNA, to: ['JANE@acme-client.com'] });
    const globexByDomain = mail({ subject: 'Quote request', from: 'buyer@globex.com', to: [ANNA] });
    const freeMail = mail({ subject: 'Hello', from: 'stranger@gmail.com', to: [ANNA] });
    const carlPrivate = mail({ subject: 'From my phone', from: 'carl.private@gmail.com', to: [ANNA] });
    const internal = mail({ subject: 'Lunch?', from: BEN, to: [ANNA], cc: ['it@msp-support.example'] });
    const newsletter = mail({ subject: 'Deals', from: 'news@shop.example', to: [ANNA] });
    graph.add(ANNA, 'inbox', fromJane, globexByDomain, freeMail, carlPrivate, internal, newsletter);
    graph.add(ANNA, 'sentitems', toJane);
    graph.add(BEN, 'inbox', fromJane); // the same message, cc'd to Ben's mailbox

    expect(await sync()).toContain('0 folder(s) failed');
    const entries = await emailEntries();
    const logged = entries.map((entry) => [entry.companyId, entry.title]);
    expect(logged).toEqual([
      [acme, 'Email received: Printer down'],
      [acme, 'Email sent: Re: Printer down'],
      [globex, 'Email received: Quote request'],
      [initech, 'Email received: From my phone'],
    ]);
    expect(entries[0]?.detail).toMatchObject({
      messageId: fromJane.id,
      conversationId: fromJane.conversationId,
      snippet: 'Preview of Printer down',
      contactIds: [jane],
      direction: 'inbound',
    });
    const stored = JSON.stringify(entries.map((entry) => [entry.title, entry.detail]));
    expect(stored).not.toContain('stranger@gmail.com');
    expect(stored).not.toContain('Lunch?');
    const status = await cursors();
    expect(status.map((row) => [row.mailbox, row.folder, row.messagesSeen, row.messagesMatched])).toEqual([
      [ANNA, 'inbox', 6, 3],
      [BEN, 'inbox', 1, 1],
      [ANNA, 'sentitems', 1, 1],
      [BEN, 'sentitems', 0, 0],
    ]);
    expect(status.every((row) => row.deltaLink && !row.nextLink)).toBe(true);

    await sync();
    expect(await emailEntries()).toHaveLength(4);
  });

  it('follows deletions: a message deleted in Outlook leaves the timeline', async () => {
    const entry = (await emailEntries()).find((row) => row.companyId === globex);
    if (!entry) throw new Error('expected an email entry on the Globex timeline');
    const messageId = (entry.detail as { messageId: string }).messageId;
    graph.remove(ANNA, 'inbox', messageId);
    await sync();
    expect((await emailEntries()).map((row) => row.companyId)).not.toContain(globex);
  });

  it('starts a fresh snapshot on 410 SyncStateNotFound without doubling the timeline', async () => {
    const before = await emailEntries();
    graph.expireTokens();
    graph.add(ANNA, 'inbox', mail({ subject: 'After expiry', from: 'jane@acme-client.com', to: [ANNA] }));
    expect(await sync()).toContain('0 folder(s) failed');
    const after = await emailEntries();
    expect(after).toHaveLength(before.length + 1);
    expect(new Set(after.map((row) => row.sourceKey)).size).toBe(after.length);
    expect((await cursors()).every((row) => row.resyncs === 1)).toBe(true);
  });

  it('honours Retry-After on 429 (seconds) and 503 (HTTP date) for the throttled mailbox', async () => {
    graph.add(ANNA, 'inbox', mail({ subject: 'Throttled', from: 'jane@acme-client.com', to: [ANNA] }));
    graph.refuse(1, 429, '2');
    const start = graph.requests.length;
    await sync();
    const deltas = graph.requests.slice(start).filter((request) => request.path.includes('/messages/delta'));
    const refused = deltas.findIndex((request) => request.status === 429);
    expect(refused).toBeGreaterThanOrEqual(0);
    const refusedRequest = deltas[refused];
    const retried = deltas.slice(refused + 1).find((request) => request.path === refusedRequest?.path);
    expect((retried?.at ?? 0) - (refusedRequest?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    expect((await emailEntries()).map((row) => row.title)).toContain('Email received: Throttled');

    graph.refuse(1, 503, new Date(Date.now() + 2000).toUTCString());
    const again = graph.requests.length;
    await sync();
    const later = graph.requests.slice(again).filter((request) => request.path.includes('/messages/delta'));
    const unavailable = later.findIndex((request) => request.status === 503);
    expect(unavailable).toBeGreaterThanOrEqual(0);
    const next = later.slice(unavailable + 1).find((request) => request.path === later[unavailable]?.path);
    expect((next?.at ?? 0) - (later[unavailable]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('keeps the msal token cache sealed in the vault: no token request per run', async () => {
    const issued = graph.tokensIssued();
    await sync();
    expect(graph.tokensIssued()).toBe(issued);
    const row = await org.transaction((tx) => tx.toolsMsalCache.findFirst());
    expect(Buffer.from(row?.ciphertext ?? []).toString('latin1')).not.toContain('stand-in-token');
  });

  it('matches a page by the addresses and domains CRM holds now, each message once after a full re-read', async () => {
    const hooli = await org.transaction(async (tx) => {
      await tx.crmContact.update({
        where: { id: jane },
        data: { email: 'Jane.Roe@Acme-Client.com', additionalEmails: ['jane.home@outlook.com'] },
      });
      await tx.crmContact.updateMany({ where: { name: 'Carl' }, data: { additionalEmails: [] } });
      const company = await tx.crmCompany.create({ data: { name: 'Hooli', domain: 'hooli.old' } });
      await tx.crmCompany.update({ where: { id: company.id }, data: { domain: 'Hooli.example' } });
      return company.id;
    });
    const page = {
      newPrimary: mail({ subject: 'New address', from: 'jane.roe@acme-client.com', to: [ANNA] }),
      additional: mail({ subject: 'From home', from: 'JANE.HOME@outlook.com', to: [ANNA] }),
      oldPrimary: mail({ subject: 'Old address', from: 'jane@acme-client.com', to: [ANNA] }),
      droppedFreeMail: mail({ subject: 'Carl again', from: 'carl.private@gmail.com', to: [ANNA] }),
      newDomain: mail({ subject: 'Hooli hello', from: 'sales@hooli.example', to: [ANNA] }),
      oldDomain: mail({ subject: 'Hooli old', from: 'sales@hooli.old', to: [ANNA] }),
      internalWithClientCc: mail({
        subject: 'Standup',
        from: 'it@msp-support.example',
        to: [ANNA],
        cc: ['jane.roe@acme-client.com'],
      }),
    };
    graph.add(ANNA, 'inbox', ...Object.values(page));
    const subjects = new Set(Object.values(page).map((message) => message.subject));
    const logged = async () =>
      (await emailEntries())
        .filter((entry) => subjects.has((entry.detail as { subject: string }).subject))
        .map((entry) => [
          entry.companyId,
          entry.title,
          (entry.detail as { contactIds: string[] }).contactIds,
        ]);
    const expected = [
      [acme, 'Email received: New address', [jane]],
      [acme, 'Email received: From home', [jane]],
      [acme, 'Email received: Old address', []],
      [hooli, 'Email received: Hooli hello', []],
      [acme, 'Email received: Standup', [jane]],
    ];

    expect(await sync()).toContain('0 folder(s) failed');
    expect(await logged()).toEqual(expected);
    graph.expireTokens(); // the next run re-reads the whole folder: every page again
    expect(await sync()).toContain('0 folder(s) failed');
    expect(await logged()).toEqual(expected);
  });
});
