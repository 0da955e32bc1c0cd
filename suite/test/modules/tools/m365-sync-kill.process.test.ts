import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { OrgScope } from '@suite/db';
import { configureVault } from '@suite/tools';
import {
  connectM365,
  type GraphStandIn,
  mail,
  startGraphStandIn,
  type ToolsFixture,
  testKeyring,
  toolsFixture,
  trustGraphStandIn,
} from '@suite/tools/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/suite-fixture';

// A mailbox of ten pages synced by a real suite child process, SIGKILLed twice: once while it waits for
// a page from Graph, once after CRM logged a page but before the page's link was committed.
const ANNA = 'anna@msp.example';
const PAGE_SIZE = 10;
const MESSAGES = 95;
/** Cold tsx processes starting a suite on a loaded shared machine take a while. */
const CHILD_PROCESSES_TIMEOUT = 300_000;

const { entries } = testKeyring();
let trust: { close(): Promise<void> };
let fixture: ToolsFixture;
let graph: GraphStandIn;
let org: OrgScope;
/** Holds the cursor table while a page's link waits to commit. */
let lock: pg.Client | undefined;
const subjects = Array.from({ length: MESSAGES }, (_, index) => `Order ${index + 1}`);

interface SyncChild {
  readonly child: ChildProcess;
  /** The exit code and signal, and what it printed. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

function startSync(): SyncChild {
  const script = path.join(import.meta.dirname, 'support/delta-sync-child.ts');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, fixture.database.url, fixture.database.appUrl],
    {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      env: { ...process.env, VAULT_KEYS: entries.join(',') },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    output,
  }));
  return { child, exited };
}

/** Inbox delta pages the stand-in has answered so far (a held page is not among them yet). */
const inboxPagesServed = () =>
  graph.requests.filter((request) => request.path.includes('/mailFolders/inbox/messages/delta')).length;
const timeline = () =>
  org.transaction((tx) =>
    tx.crmActivity.findMany({ where: { kind: 'email' }, select: { title: true, sourceKey: true } }),
  );
const inboxCursor = () =>
  org.transaction((tx) =>
    tx.toolsMailFolderCursor.findFirstOrThrow({ where: { mailbox: ANNA, folder: 'inbox' } }),
  );

beforeAll(async () => {
  configureVault({ VAULT_KEYS: entries.join(',') });
  trust = trustGraphStandIn();
  [fixture, graph] = await Promise.all([toolsFixture(), startGraphStandIn([ANNA])]);
  org = await fixture.createOrg('MSP');
  await org.transaction(async (tx) => {
    await tx.crmSettings.create({ data: { ownDomains: ['msp.example'] } });
    await tx.crmCompany.create({ data: { name: 'Contoso', domain: 'contoso-client.com' } });
  });
  expect(await connectM365(org, graph, [ANNA], { pageSize: PAGE_SIZE })).toMatchObject({ ok: true });
  graph.add(
    ANNA,
    'inbox',
    ...subjects.map((subject, index) =>
      mail({ subject, from: `buyer${index}@contoso-client.com`, to: [ANNA] }),
    ),
  );
});
afterAll(async () => {
  graph?.holdPages(undefined);
  await lock?.end();
  await Promise.all([fixture?.close(), graph?.close(), trust?.close()]);
});

describe('Microsoft 365 sync killed mid-page', () => {
  it(
    'a SIGKILLed sync process reruns to completion: every message on the timeline once, none missing',
    async () => {
      // 1. Killed while it waits for its third page.
      const first = startSync();
      const thirdPage = inboxPagesServed() + 3;
      graph.holdPages(async (folder, page) => {
        if (folder !== 'inbox' || page !== thirdPage) return;
        first.child.kill('SIGKILL');
        await first.exited;
      });
      expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
      expect(await timeline()).toHaveLength(2 * PAGE_SIZE);
      expect(await inboxCursor()).toMatchObject({ messagesSeen: 2 * PAGE_SIZE, deltaLink: null });

      // 2. Killed after CRM logged its second page, while the page's link waits to commit (the
      // test holds the cursor table locked): the window where a page is logged but not yet passed.
      const cursorLock = new pg.Client({ connectionString: fixture.database.url });
      lock = cursorLock;
      await cursorLock.connect();
      const second = startSync();
      const held = inboxPagesServed() + 2;
      graph.holdPages(async (folder, page) => {
        if (folder !== 'inbox' || page !== held) return;
        await cursorLock.query('BEGIN');
        await cursorLock.query('LOCK TABLE tools.mail_folder_cursor IN EXCLUSIVE MODE');
      });
      // A cold child process on a loaded machine: as long as the other process tests allow.
      await eventually(
        'CRM logged the page whose link is held',
        async () => {
          const logged = (await timeline()).length;
          return logged >= 4 * PAGE_SIZE;
        },
        90_000,
      );
      second.child.kill('SIGKILL');
      expect(await second.exited).toMatchObject({ signal: 'SIGKILL' });
      await cursorLock.query('ROLLBACK');
      await cursorLock.end();
      lock = undefined;
      graph.holdPages(undefined);
      expect(await timeline()).toHaveLength(4 * PAGE_SIZE);
      expect(await inboxCursor()).toMatchObject({ messagesSeen: 3 * PAGE_SIZE, deltaLink: null });

      // 3. The next slot resumes from the last committed link and finishes the mailbox.
      const last = startSync();
      const done = await last.exited;
      expect(done, done.output).toMatchObject({ code: 0 });
      expect(done.output).toContain('0 folder(s) failed');
      const entries = await timeline();
      expect(entries.map((entry) => entry.title).sort()).toEqual(
        subjects.map((subject) => `Email received: ${subject}`).sort(),
      );
      expect(new Set(entries.map((entry) => entry.sourceKey)).size).toBe(MESSAGES);
      const cursor = await inboxCursor();
      expect(cursor.deltaLink).not.toBeNull();
      expect(cursor.nextLink).toBeNull();
    },
    CHILD_PROCESSES_TIMEOUT,
  );
});
