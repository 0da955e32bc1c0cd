import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { crmModule } from '@suite/crm';
import type { OrgScope } from '@suite/db';
import { toolsModule } from '@suite/tools';
import {
  connectM365,
  type GraphStandIn,
  mail,
  STAND_IN_CA_FILE,
  startGraphStandIn,
  type ToolsFixture,
  testKeyring,
  toolsFixture,
  trustGraphStandIn,
} from '@suite/tools/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestSuite, type TestSuite } from '../../support/suite-fixture';

const CHILD = fileURLToPath(new URL('../../support/m365-sync-child.ts', import.meta.url));
const ANNA = 'anna@msp.example';
/** Two suite child processes start one after the other; each takes a minute or more on a loaded machine. */
const CHILD_SUITES_TIMEOUT = 400_000;
const MESSAGES = 45; // 5 pages of 10 (Prefer: odata.maxpagesize=10)

let trust: { close(): Promise<void> };
let fixture: ToolsFixture;
let graph: GraphStandIn;
let sut: TestSuite;
let org: OrgScope;
let vaultKeys: string;

beforeAll(async () => {
  trust = trustGraphStandIn();
  vaultKeys = testKeyring().entries.join(',');
  [fixture, graph] = await Promise.all([toolsFixture(), startGraphStandIn([ANNA])]);
  // This suite only sets up (connect + verify); the syncs run in child processes.
  sut = await startTestSuite({
    modules: [crmModule, toolsModule],
    database: fixture.database,
    env: { VAULT_KEYS: vaultKeys, JOBS_ENABLED: 'false' },
  });
  org = await fixture.createOrg('MSP');
  await org.transaction(async (tx) => {
    const company = await tx.crmCompany.create({ data: { name: 'Acme', domain: 'acme-client.com' } });
    await tx.crmContact.create({
      data: { companyId: company.id, name: 'Jane', email: 'jane@acme-client.com' },
    });
  });
  expect(await connectM365(org, graph, [ANNA], { pageSize: 10 })).toMatchObject({ ok: true });
  for (let n = 1; n <= MESSAGES; n++)
    graph.add(ANNA, 'inbox', mail({ subject: `Ticket ${n}`, from: 'jane@acme-client.com', to: [ANNA] }));
});
afterAll(async () => {
  await sut?.close();
  await Promise.all([fixture?.close(), graph?.close(), trust?.close()]);
});

function startSync(): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      DATABASE_URL: fixture.database.url,
      VAULT_KEYS: vaultKeys,
      NODE_EXTRA_CA_CERTS: STAND_IN_CA_FILE,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output };
}

const inboxEntries = () => org.transaction((tx) => tx.crmActivity.findMany({ where: { kind: 'email' } }));

it('a sync killed mid-page resumes from its last committed page: nothing lost, nothing doubled', async () => {
  // Page 3 is held in flight; once it is asked for, pages 1 and 2 are logged and committed.
  let asked!: () => void;
  const pageThreeAsked = new Promise<void>((resolve) => {
    asked = resolve;
  });
  graph.holdPages(async (folder, page) => {
    if (folder !== 'inbox' || page !== 3) return;
    asked();
    await new Promise(() => {}); // never answers: the reader dies first
  });
  const first = startSync();
  const died = once(first.child, 'exit').then(() => {
    throw new Error(`the sync process exited before page 3:\n${first.output()}`);
  });
  await Promise.race([pageThreeAsked, died]);
  died.catch(() => {});
  first.child.kill('SIGKILL');
  await once(first.child, 'exit').catch(() => {});
  const cursor = await org.transaction((tx) =>
    tx.toolsMailFolderCursor.findFirstOrThrow({ where: { folder: 'inbox' } }),
  );
  expect(cursor.nextLink).toContain('$skiptoken=');
  expect(cursor.deltaLink).toBeNull();
  expect(cursor.messagesSeen).toBe(20);
  expect(await inboxEntries()).toHaveLength(20);

  graph.holdPages(undefined);
  const pagesBefore = graph.requests.filter((request) => request.path.includes('/messages/delta')).length;
  const second = startSync();
  const [code] = await once(second.child, 'exit');
  expect(code, second.output()).toBe(0);
  expect(second.output()).toContain('synced');
  const entries = await inboxEntries();
  expect(entries).toHaveLength(MESSAGES);
  expect(new Set(entries.map((entry) => entry.sourceKey)).size).toBe(MESSAGES);
  // The rerun asked for pages 3, 4 and 5 of the inbox, not the whole snapshot again.
  const inboxPages = graph.requests
    .slice(pagesBefore)
    .filter((request) => request.path.includes('/mailFolders/inbox/messages/delta'));
  expect(inboxPages).toHaveLength(3);
  expect(inboxPages[0]?.path).toContain('$skiptoken=0.');
}, CHILD_SUITES_TIMEOUT);
