import { fileURLToPath } from 'node:url';
import type { OrgScope } from '@suite/db';
import { recentRuns } from '@suite/jobs';
import { configureVault } from '@suite/tools';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/suite-fixture';
import { type SuiteProcess, startSuiteProcess } from '../../support/suite-process';

// Two `suite start` processes on one database, both scheduling `m365.delta-sync` (`*/5 * * * *`). Their
// clocks are shifted alike so the next 5-minute slot comes two minutes after they start; each slot must
// run once in the cluster: one job run, one delta round at Graph.
const ANNA = 'anna@msp.example';
const FIVE_MINUTES = 5 * 60_000;
/** Time for two cold suite processes to start on a loaded machine before their slot comes. */
const START_MARGIN_MS = 120_000;
const SHIFTED_CLOCK = fileURLToPath(new URL('../../support/shifted-clock.mjs', import.meta.url));

const { entries } = testKeyring();
let trust: { close(): Promise<void> };
let fixture: ToolsFixture;
let graph: GraphStandIn;
let org: OrgScope;
const processes: SuiteProcess[] = [];

/** Two suite processes whose clocks reach `slot` START_MARGIN_MS from now. */
async function startPair(slot: number): Promise<SuiteProcess[]> {
  const env = {
    DATABASE_URL: fixture.database.url,
    MIGRATE_ON_START: 'false',
    VAULT_KEYS: entries.join(','),
    NODE_EXTRA_CA_CERTS: STAND_IN_CA_FILE,
    NODE_OPTIONS: `--import=${SHIFTED_CLOCK}`,
    SHIFTED_CLOCK_MS: String(slot - (Date.now() + START_MARGIN_MS)),
    LOG_LEVEL: 'debug',
  };
  const pair = await Promise.all([0, 1].map(() => startSuiteProcess(['--modules', 'crm,tools'], env)));
  processes.push(...pair);
  return pair;
}

/** Inbox delta requests at Graph: one per round, the mailbox's news fitting one page. */
const deltaRounds = () =>
  graph.requests.filter((request) => request.path.includes('/mailFolders/inbox/messages/delta')).length;
const skipped = (output: string) =>
  output
    .split('\n')
    .some((line) => line.includes('"job":"m365.delta-sync"') && line.includes('job slot not run here'));

beforeAll(async () => {
  configureVault({ VAULT_KEYS: entries.join(',') });
  trust = trustGraphStandIn();
  [fixture, graph] = await Promise.all([toolsFixture(), startGraphStandIn([ANNA])]);
  org = await fixture.createOrg('MSP');
  await org.transaction((tx) =>
    tx.crmCompany.create({ data: { name: 'Contoso', domain: 'contoso-client.com' } }),
  );
  expect(await connectM365(org, graph, [ANNA])).toMatchObject({ ok: true });
});
afterAll(async () => {
  await Promise.all(processes.map((process) => process.stop()));
  await Promise.all([fixture?.close(), graph?.close(), trust?.close()]);
});

describe('the 5-minute M365 sync schedule across two suite processes', () => {
  it(
    'runs each slot once: one job run and one delta round per slot, the other process told it was taken',
    async () => {
      const first = Math.ceil((Date.now() + START_MARGIN_MS) / FIVE_MINUTES) * FIVE_MINUTES;
      for (const [index, slot] of [first, first + FIVE_MINUTES].entries()) {
        graph.add(
          ANNA,
          'inbox',
          mail({ subject: `Slot ${index + 1}`, from: 'buyer@contoso-client.com', to: [ANNA] }),
        );
        const rounds = deltaRounds();
        const pair = await startPair(slot);
        const run = await eventually(
          `the m365.delta-sync run of ${new Date(slot).toISOString()}`,
          async () =>
            (await recentRuns(fixture.database.db, { job: 'm365.delta-sync', limit: 10 })).find(
              (candidate) => candidate.slot.getTime() === slot && candidate.status !== 'running',
            ),
          START_MARGIN_MS + 60_000,
        );
        expect(run).toMatchObject({ status: 'succeeded', trigger: 'schedule' });
        expect(run.summary).toContain('0 folder(s) failed');
        // The other process fired for the same slot and found it taken.
        await eventually('the other process skipping the slot', async () =>
          pair.some((process) => skipped(process.output())),
        );
        await Promise.all(pair.map((process) => process.stop()));
        const runs = await recentRuns(fixture.database.db, { job: 'm365.delta-sync', limit: 10 });
        expect(runs.filter((candidate) => candidate.slot.getTime() === slot)).toHaveLength(1);
        expect(deltaRounds() - rounds).toBe(1);
      }
      const titles = await org.transaction((tx) => tx.crmActivity.findMany({ where: { kind: 'email' } }));
      expect(titles.map((entry) => entry.title).sort()).toEqual([
        'Email received: Slot 1',
        'Email received: Slot 2',
      ]);
    },
    2 * (START_MARGIN_MS + 120_000),
  );
});
