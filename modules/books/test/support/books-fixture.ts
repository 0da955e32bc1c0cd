import { randomBytes, randomUUID } from 'node:crypto';
import {
  type BusEvent,
  createBus,
  defineSubscription,
  type EventEnvelope,
  publish,
  type Subscription,
} from '@suite/bus';
import { startGroupsAtEnd, TEST_TUNING } from '@suite/bus/testing';
import { booksEvents, type EventDefinition, type SuiteModule } from '@suite/contracts';
import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { createIntegrationKey, DEV_HUB_SEED } from '@suite/hub-auth';
import { StaffBrowser } from '@suite/hub-auth/testing';
import { createLogger, loadConfig, type RunningSuite, startSuite } from '@suite/suite';
import pg from 'pg';
import { pino } from 'pino';
import { inject } from 'vitest';
import { booksModule } from '../../src';
import { billingRunJob } from '../../src/jobs/billing-run.job';

export type TransportName = 'postgres' | 'kafka';
export type BooksEvent = BusEvent<(typeof booksEvents)[number]>;
type CatalogEvent = Parameters<typeof publish>[1];

const PARTITIONS = 4;
export const NORTHWIND = DEV_HUB_SEED.orgs.find((org) => org.slug === 'northwind')?.id as string;
export const userId = (email: string) => DEV_HUB_SEED.users.find((user) => user.email === email)?.id ?? '';

export interface TrpcAnswer<T = unknown> {
  readonly status: number;
  readonly data: T;
  readonly message: string | undefined;
}

/** A module's staff API over real HTTP with a signed-in browser's cookies. */
export class StaffClient {
  constructor(
    private readonly browser: StaffBrowser,
    private readonly module: string,
  ) {}

  async query<T = unknown>(path: string, input?: unknown): Promise<TrpcAnswer<T>> {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return answer<T>(await this.browser.request(`/${this.module}/trpc/${path}${query}`));
  }

  async mutate<T = unknown>(path: string, input: unknown): Promise<TrpcAnswer<T>> {
    const response = await this.browser.request(`/${this.module}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return answer<T>(response);
  }

  /** A query or mutation that must succeed. */
  async ok<T = unknown>(path: string, input?: unknown, kind: 'query' | 'mutate' = 'mutate'): Promise<T> {
    const result = kind === 'query' ? await this.query<T>(path, input) : await this.mutate<T>(path, input);
    if (result.status !== 200) throw new Error(`${path} answered ${result.status}: ${result.message}`);
    return result.data;
  }
}

async function answer<T>(response: Response): Promise<TrpcAnswer<T>> {
  const body = JSON.parse(await response.text()) as { result?: { data: T }; error?: { message?: string } };
  return { status: response.status, data: body.result?.data as T, message: body.error?.message };
}

export interface BooksSuite {
  readonly suite: RunningSuite;
  readonly database: TestDatabase;
  /** Books events as a consumer on the same bus sees them. */
  readonly received: BooksEvent[];
  /** Publishes a CRM or PSA event for Northwind through the real outbox, as that module would. */
  publishAs(event: CatalogEvent): Promise<EventEnvelope>;
  /** Hands an envelope to the transport once more, as at-least-once delivery may. */
  redeliver(envelope: EventEnvelope): Promise<void>;
  /** Waits until Books' group has handled the event (its inbox row committed). */
  handled(envelope: EventEnvelope): Promise<void>;
  staff(email: string, module?: string): Promise<StaffClient>;
  /** The daily `books.billing-run` job, run now as of `day` (YYYY-MM-DD). */
  billingRun(day: string): Promise<string | undefined>;
  integrationKey(scopes: string[], target?: string): Promise<string>;
  close(): Promise<void>;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const renamed = (subscription: Subscription, prefix: string): Subscription => ({
  ...subscription,
  group: `${prefix}.${subscription.group}`,
});

/**
 * The suite on its own test database running Books (and `extraModules`) on the chosen transport,
 * with the dev Hub for sign-in. Every module's groups run under this suite's own names, started at the
 * end of their Kafka topics, so other runs on the shared broker neither take nor feed them.
 */
export async function startBooksSuite(
  transport: TransportName,
  extraModules: readonly SuiteModule<Subscription>[] = [],
): Promise<BooksSuite> {
  const brokers = transport === 'kafka' ? inject('kafkaBrokers') : '';
  if (transport === 'kafka' && !brokers) throw new Error(`no Kafka broker: ${inject('kafkaProblem')}`);
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const received: BooksEvent[] = [];
  const observer = defineSubscription({
    group: `${prefix}.observer`,
    types: booksEvents,
    async handler(event) {
      received.push(event as BooksEvent);
    },
  }) as unknown as Subscription;
  const modules = [booksModule as SuiteModule<Subscription>, ...extraModules].map((module) => ({
    ...module,
    subscriptions: (module.subscriptions ?? []).map((s) => renamed(s, prefix)),
  }));
  const booksGroups = modules[0]?.subscriptions ?? [];
  const groups = [...modules.flatMap((module) => module.subscriptions), observer];
  if (brokers)
    await startGroupsAtEnd(
      brokers.split(','),
      groups.map(({ group, types }) => ({
        group,
        topics: [...new Set((types as readonly EventDefinition[]).map((type) => type.topic))],
      })),
      PARTITIONS,
    );
  const database = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: '0',
    NODE_ENV: 'test',
    JOBS_ENABLED: 'false',
    BUS_PARTITIONS: String(PARTITIONS),
    ...(brokers ? { KAFKA_BROKERS: brokers } : {}),
  });
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const suite = await startSuite(config, log, modules);
  // The observer is another product on the same bus: its own connection, group and transport.
  const bus = createBus({
    db: database.db,
    databaseUrl: database.url,
    kafkaBrokers: brokers ? brokers.split(',') : undefined,
    partitions: PARTITIONS,
    log: createLogger('silent'),
    tuning: TEST_TUNING,
  });
  await bus.subscribe(observer);
  return {
    suite,
    database,
    received,
    publishAs: (event) => forOrg(database.db.app, NORTHWIND).transaction((tx) => publish(tx, event)),
    async redeliver(envelope) {
      const definition = groups.flatMap((s) => s.types).find((type) => type.type === envelope.type);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await bus.transport.publish([{ topic: definition?.topic ?? '', envelope }], client);
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
    },
    async handled(envelope) {
      const group = booksGroups.find((s) => s.types.some((type) => type.type === envelope.type))?.group;
      await waitFor(`${envelope.type} handled by ${group}`, () =>
        database.db.system.busInbox.findFirst({ where: { eventId: envelope.id, groupName: group } }),
      );
    },
    async staff(email, module = 'books') {
      const browser = new StaffBrowser(suite.url);
      const response = await browser.signIn(email);
      if (response.status !== 303) throw new Error(`sign-in as ${email} failed: ${await response.text()}`);
      return new StaffClient(browser, module);
    },
    billingRun: (day) =>
      billingRunJob.run({
        db: database.db,
        log: pino({ level: 'silent' }),
        slot: new Date(`${day}T02:07:00Z`),
      }),
    async integrationKey(scopes, target = 'books') {
      const tenant = forOrg(database.db.app, NORTHWIND);
      return (await createIntegrationKey(tenant, { caller: 'portal', target, scopes, actor: 'test' })).key;
    },
    async close() {
      await bus.close();
      await suite.close();
      await database.drop();
    },
  };
}

/** A won deal as CRM publishes it. */
export function wonDeal(overrides: Record<string, unknown> = {}) {
  return {
    dealId: randomUUID(),
    companyId: randomUUID(),
    name: 'Managed services',
    value: '14400.00',
    recurringRevenue: '1200.00',
    currency: 'USD',
    ownerId: userId('olivia@northwind.test'),
    lineItems: [
      {
        serviceCode: 'MS-BASE',
        description: 'Managed desktop',
        quantity: 10,
        unitPrice: '100.00',
        recurring: true,
      },
      {
        serviceCode: 'MS-BACKUP',
        description: 'Cloud backup',
        quantity: 4,
        unitPrice: '50.00',
        recurring: true,
      },
      {
        serviceCode: 'ONBOARD',
        description: 'Onboarding',
        quantity: 1,
        unitPrice: '500.00',
        recurring: false,
      },
    ],
    createProject: false,
    via: 'staff' as const,
    wonAt: '2027-03-15T10:00:00.000Z',
    ...overrides,
  };
}
