import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startGroupsAtEnd } from '@suite/bus/testing';
import { crmModule } from '@suite/crm';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { hubDirectorySubscription } from '@suite/hub-auth';
import { psaModule } from '@suite/psa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { configSchema } from '../src/env';
import { signedInStaff } from './support/staff-client';
import { eventually } from './support/suite-fixture';
import { createKeyEntry, type SuiteProcess, startSuiteProcess } from './support/suite-process';

// The acceptance point of issue 5: CRM and PSA as separate deployments (`suite start --modules crm`,
// `--modules psa`) sharing Kafka and PostgreSQL. PSA reaches CRM only at CRM_API_URL with the key
// `suite keys create` made; events cross between the processes over Kafka.
let database: TestDatabase;
let crmProcess: SuiteProcess | undefined;
let psaProcess: SuiteProcess | undefined;
let key: string;

beforeAll(async () => {
  const brokers = inject('kafkaBrokers');
  if (!brokers) throw new Error(`no Kafka broker: ${inject('kafkaProblem')}`);
  database = await createTestDatabase();
  // The two processes consume under the modules' real group names. The topics hold every other test
  // file's events, so the groups start at the current end: they see only what this test publishes.
  const subscriptions = [
    ...crmModule.subscriptions,
    ...psaModule.subscriptions,
    hubDirectorySubscription(database.db),
  ];
  await startGroupsAtEnd(
    brokers.split(','),
    subscriptions.map(({ group, types }) => ({
      group,
      topics: [...new Set(types.map((type) => type.topic))],
    })),
    configSchema.parse({}).BUS_PARTITIONS,
  );
  const shared = { DATABASE_URL: database.url, KAFKA_BROKERS: brokers, MIGRATE_ON_START: 'false' };
  // CRM first: its dev Hub seeds the orgs the key is made for.
  crmProcess = await startSuiteProcess(['--modules', 'crm'], shared);
  const scopes = ['crm:pipeline.context', 'crm:activity.list', 'crm:health.get', 'crm:quotes.create'];
  const keyArgs = ['--org', 'northwind', '--caller', 'psa', '--target', 'crm', '--scope', ...scopes];
  const entry = await createKeyEntry(keyArgs, shared);
  key = entry.slice(entry.indexOf('=') + 1);
  psaProcess = await startSuiteProcess(['--modules', 'psa'], {
    ...shared,
    CRM_API_URL: crmProcess.url,
    CRM_INTEGRATION_KEY: entry,
  });
});
afterAll(async () => {
  await psaProcess?.stop();
  await crmProcess?.stop();
  await database?.drop();
});

// An event crosses in about a second; a consumer still joining its group on a busy broker may first
// wait out one rebalance, so the waits allow that much.
const CROSS_PROCESS_MS = 60_000;
const BIN = fileURLToPath(new URL('../bin/suite.js', import.meta.url));

/**
 * On a timeout, what says which side stalled: the two processes' last log lines and `suite bus status`
 * (relay backlog, lag of every consumer group on Kafka).
 */
function explained<T>(waiting: Promise<T>): Promise<T> {
  const tail = (process: SuiteProcess | undefined) => process?.output().split('\n').slice(-40).join('\n');
  return waiting.catch((error: Error) => {
    const status = spawnSync(process.execPath, [BIN, 'bus', 'status'], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        KAFKA_BROKERS: inject('kafkaBrokers'),
        LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    throw new Error(
      `${error.message}\n--- suite bus status:\n${status.stdout}${status.stderr}\n--- CRM process:\n${tail(crmProcess)}\n--- PSA process:\n${tail(psaProcess)}`,
    );
  });
}

describe('CRM and PSA in separate processes', () => {
  it('flow 3 over HTTP with an integration key, and flow 8 over Kafka', async () => {
    const crm = await signedInStaff(crmProcess?.url as string, 'olivia@northwind.test', 'crm');
    const psa = await signedInStaff(psaProcess?.url as string, 'olivia@northwind.test', 'psa');
    const { id: companyId } = await crm.ok<{ id: string }>('companies.create', { name: 'Litware' });
    const { dealId } = await crm.ok<{ dealId: string }>('deals.create', {
      companyId,
      name: 'Litware managed IT',
      stage: 'negotiation',
      value: '8000.00',
      recurringRevenue: '650.00',
    });
    await crm.ok('companies.promote', { companyId, dealId });
    const clientId = await explained(
      eventually(
        'the client in the PSA process',
        async () => {
          const clients = await psa.query<{ id: string; crmCompanyId: string }[]>('clients.list');
          return clients.data.find((client) => client.crmCompanyId === companyId)?.id;
        },
        CROSS_PROCESS_MS,
      ),
    );

    const sidebar = await psa.query<{ crm: { available: boolean; pipeline: { totals: unknown } } }>(
      'clients.sidebar',
      { clientId },
    );
    expect(sidebar.data.crm.available, JSON.stringify(sidebar.data.crm)).toBe(true);
    expect(sidebar.data.crm.pipeline.totals).toEqual({
      openDeals: 1,
      value: '8000.00',
      recurringRevenue: '650.00',
    });

    const contracts = await psa.query<{ id: string; crmDealId: string }[]>('contracts.list', { clientId });
    const contract = contracts.data.find((candidate) => candidate.crmDealId === dealId);
    await psa.ok('contracts.sign', { contractId: contract?.id });
    let lastAnswer: unknown;
    const won = await explained(
      eventually(
        'the deal won in the CRM process',
        async () => {
          const deal = await crm.query<{ stage: string; wonVia: string }>('deals.get', { dealId });
          lastAnswer = deal;
          return deal.data?.stage === 'won' && deal.data;
        },
        CROSS_PROCESS_MS,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; deals.get last answered ${JSON.stringify(lastAnswer)}`);
      }),
    );
    expect(won.wonVia).toBe('contract_signed');
    expect(crmProcess?.output()).not.toContain(key);
    expect(psaProcess?.output()).not.toContain(key);
  }, 180_000);
});
