import { crmModule } from '@suite/crm';
import { forOrg } from '@suite/db';
import { toolsModule } from '@suite/tools';
import {
  connectM365,
  type GraphStandIn,
  mail,
  runDeltaSync,
  startGraphStandIn,
  testKeyring,
  trustGraphStandIn,
} from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger';
import type { StaffClient } from '../../support/staff-client';
import { NORTHWIND, startTestSuite, type TestSuite } from '../../support/suite-fixture';

// Settings → Email sync's procedures over the staff HTTP API, on a mailbox synced from the Graph stand-in.
const ANNA = 'anna@northwind.example';

interface FolderRow {
  mailbox: string;
  folder: string;
  lastSyncAt: string | null;
  messagesSeen: number;
  failureStreak: number;
  lastError: string | null;
  resyncs: number;
}

let trust: { close(): Promise<void> };
let graph: GraphStandIn;
let fx: TestSuite;
let olivia: StaffClient;
let adam: StaffClient;
let victor: StaffClient;

const sync = () =>
  runDeltaSync({ db: fx.database.db, log: createLogger('silent'), integrations: fx.suite.integrations });

beforeAll(async () => {
  trust = trustGraphStandIn();
  graph = await startGraphStandIn([ANNA]);
  fx = await startTestSuite({
    modules: [crmModule, toolsModule],
    env: { VAULT_KEYS: testKeyring().entries.join(','), JOBS_ENABLED: 'false' },
  });
  const signIn = (name: string) => fx.staff(`${name}@northwind.test`, 'tools');
  [olivia, adam, victor] = await Promise.all([signIn('olivia'), signIn('adam'), signIn('victor')]);
});
afterAll(async () => {
  await fx?.close();
  await Promise.all([graph?.close(), trust?.close()]);
});

describe('email sync staff procedures', () => {
  it('list nothing before a mailbox synced, then each folder with its last sync', async () => {
    expect(await adam.ok('emailSync.status', undefined, 'query')).toEqual([]);
    const org = forOrg(fx.database.db.app, NORTHWIND);
    expect(await connectM365(org, graph, [ANNA])).toMatchObject({ ok: true });
    graph.add(ANNA, 'inbox', mail({ subject: 'Hello', from: 'someone@example.test', to: [ANNA] }));
    expect(await sync()).toContain('0 folder(s) failed');
    const rows = await adam.ok<FolderRow[]>('emailSync.status', undefined, 'query');
    expect(rows.map((row) => [row.mailbox, row.folder])).toEqual([
      [ANNA, 'inbox'],
      [ANNA, 'sentitems'],
    ]);
    expect(rows[0]).toMatchObject({ messagesSeen: 1, failureStreak: 0, lastError: null });
    expect(Date.parse(rows[0]?.lastSyncAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it("show a failing folder's error", async () => {
    graph.refuse(20, 503, '0');
    expect(await sync()).not.toContain('0 folder(s) failed');
    const rows = await adam.ok<FolderRow[]>('emailSync.status', undefined, 'query');
    expect(rows.some((row) => row.failureStreak > 0 && row.lastError)).toBe(true);
  });

  it('resync a mailbox for an Owner; an Admin reads only, a Viewer not at all; a bad address names the field', async () => {
    expect(await olivia.ok('emailSync.resync', { mailbox: ANNA.toUpperCase() })).toEqual({ folders: 2 });
    const rows = await adam.ok<FolderRow[]>('emailSync.status', undefined, 'query');
    expect(rows.map((row) => row.resyncs)).toEqual([1, 1]);
    expect(await olivia.ok('emailSync.resync', { mailbox: 'nobody@northwind.example' })).toEqual({
      folders: 0,
    });

    const admin = await adam.mutate('emailSync.resync', { mailbox: ANNA });
    expect(admin.status).toBe(403);
    expect(admin.message).toContain('tools.connections.manage');
    const viewer = await victor.query('emailSync.status');
    expect(viewer.status).toBe(403);
    const bad = await olivia.mutate('emailSync.resync', { mailbox: 'not an address' });
    expect(bad.status).toBe(400);
    expect(bad.message).toContain('mailbox');
  });
});
