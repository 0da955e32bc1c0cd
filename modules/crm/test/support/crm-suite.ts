import { randomBytes } from 'node:crypto';
import { type EventEnvelope, publish, type Subscription } from '@suite/bus';
import { startGroupsAtEnd } from '@suite/bus/testing';
import type { SuiteModule } from '@suite/contracts';
import { crmModule } from '@suite/crm';
import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { createIntegrationKey, DEV_HUB_SEED } from '@suite/hub-auth';
import { StaffBrowser } from '@suite/hub-auth/testing';
import { createLogger, loadConfig, type RunningSuite, startSuite } from '@suite/suite';
import { inject } from 'vitest';

export type TransportName = 'postgres' | 'kafka';

export const NORTHWIND = DEV_HUB_SEED.orgs.find((org) => org.slug === 'northwind')?.id ?? '';
export const CONTOSO = DEV_HUB_SEED.orgs.find((org) => org.slug === 'contoso')?.id ?? '';
export const userId = (email: string) => DEV_HUB_SEED.users.find((user) => user.email === email)?.id ?? '';

const PARTITIONS = 4;

export interface CrmSuite {
  readonly suite: RunningSuite;
  readonly database: TestDatabase;
  /** The CRM module as this suite runs it (its groups renamed for this run, see `isolatedModule`). */
  readonly module: ModuleUnderTest;
  signedIn(email: string): Promise<StaffBrowser>;
  /** PSA's side of a flow: publishes a PSA event through the real outbox in a Northwind transaction. */
  psaPublishes(event: Parameters<typeof publish>[1], orgId?: string): Promise<EventEnvelope>;
  /** A real integration key psa → crm for the org. */
  integrationKey(scopes: string[], orgId?: string): Promise<string>;
  close(): Promise<void>;
}

/** A module as a test runs it; its subscriptions are plain `Subscription`s so a test may wrap one. */
export interface ModuleUnderTest extends SuiteModule<Subscription> {
  readonly subscriptions: readonly Subscription[];
}

/**
 * The real CRM module with its consumer groups suffixed for this run: Kafka groups are shared by every
 * process on the broker, and another run's member would otherwise take some of the partitions.
 */
export function isolatedModule(suffix = `t${randomBytes(4).toString('hex')}`): ModuleUnderTest {
  return {
    ...crmModule,
    subscriptions: crmModule.subscriptions.map(
      (subscription) =>
        ({ ...subscription, group: `${subscription.group}.${suffix}` }) as unknown as Subscription,
    ),
  };
}

/**
 * A whole suite process running CRM on the given bus transport, on its own test database (dropped at
 * close) or on `database` (left for the caller).
 */
export async function startCrmSuite(
  transport: TransportName,
  module = isolatedModule(),
  database?: TestDatabase,
  otherModules: readonly SuiteModule[] = [],
): Promise<CrmSuite> {
  const db = database ?? (await createTestDatabase());
  const ownsDatabase = database === undefined;
  const brokers = transport === 'kafka' ? inject('kafkaBrokers') : '';
  if (transport === 'kafka') {
    if (!brokers) throw new Error(`no Kafka broker: ${inject('kafkaProblem')}`);
    await startGroupsAtEnd(
      brokers.split(','),
      module.subscriptions.map((subscription) => ({
        group: subscription.group,
        topics: subscription.types.map((type) => type.topic),
      })),
      PARTITIONS,
    );
  }
  const config = loadConfig({
    DATABASE_URL: db.url,
    PORT: '0',
    NODE_ENV: 'test',
    BUS_PARTITIONS: String(PARTITIONS),
    ...(brokers && { KAFKA_BROKERS: brokers }),
  });
  const suite = await startSuite(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), [
    module,
    ...otherModules,
  ]);
  return {
    suite,
    database: db,
    module,
    async signedIn(email) {
      const browser = new StaffBrowser(suite.url);
      const response = await browser.signIn(email);
      if (response.status !== 303) throw new Error(`sign-in as ${email} failed: ${await response.text()}`);
      return browser;
    },
    async psaPublishes(event, orgId = NORTHWIND) {
      return forOrg(db.db.app, orgId).transaction((tx) => publish(tx, event));
    },
    async integrationKey(scopes, orgId = NORTHWIND) {
      const tenant = forOrg(db.db.app, orgId);
      return (await createIntegrationKey(tenant, { caller: 'psa', target: 'crm', scopes, actor: 'test' }))
        .key;
    },
    async close() {
      await suite.close();
      if (ownsDatabase) await db.drop();
    },
  };
}

/** Polls until `probe` gives a value (not undefined/false), or fails naming what it waited for. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
