import { randomBytes } from 'node:crypto';
import {
  type Bus,
  type BusEvent,
  createBus,
  defineSubscription,
  type EventEnvelope,
  publish,
  type Subscription,
} from '@suite/bus';
import {
  eventually,
  keepPublishedEvents,
  publishedEvents,
  redelivery,
  startGroupsAtEnd,
  TEST_TUNING,
} from '@suite/bus/testing';
import type { EventDefinition, ModuleName, SuiteModule } from '@suite/contracts';
import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { createIntegrationKey, DEV_HUB_SEED } from '@suite/hub-auth';
import { inject } from 'vitest';
import { createLogger, type Logger, loadConfig, type RunningSuite, startSuite } from '../../src';
import { type StaffClient, signedInStaff } from './staff-client';

export type TransportName = 'postgres' | 'kafka';

export const NORTHWIND = DEV_HUB_SEED.orgs.find((org) => org.slug === 'northwind')?.id ?? '';
export const CONTOSO = DEV_HUB_SEED.orgs.find((org) => org.slug === 'contoso')?.id ?? '';
export const userId = (email: string) => DEV_HUB_SEED.users.find((user) => user.email === email)?.id ?? '';

const PARTITIONS = 4;

/** A module as a test runs it; its subscriptions are plain `Subscription`s so a test may wrap one. */
export interface ModuleUnderTest extends SuiteModule<Subscription> {
  readonly subscriptions: readonly Subscription[];
}

/** A release of a module's subscriptions other than the shipped one, e.g. one with a bug. */
export type Release = (subscription: Subscription) => Subscription;

export interface TestSuiteOptions {
  readonly transport?: TransportName;
  /** The modules the suite runs; their consumer groups get this run's suffix. */
  readonly modules?: readonly SuiteModule[];
  /** Runs these subscriptions instead of the shipped ones (after the suffix is added). */
  readonly release?: Release;
  /** Events the test wants to see on the bus, as a consumer of another product would. */
  readonly observe?: readonly EventDefinition[];
  /** A database the caller owns (left in place at close); a fresh test database otherwise. */
  readonly database?: TestDatabase;
  readonly env?: Record<string, string>;
  /** Where the suite logs; silent (or TEST_LOG_LEVEL) unless given. */
  readonly log?: Logger;
  /** The consumer groups' suffix; a later suite with the same one takes over the same groups. */
  readonly suffix?: string;
}

export interface TestSuite {
  readonly suite: RunningSuite;
  readonly database: TestDatabase;
  /** The modules as this suite runs them (groups suffixed for this run, `release` applied). */
  readonly modules: readonly ModuleUnderTest[];
  /** Events of `observe`, in the order the observer received them. */
  readonly received: BusEvent[];
  /** A module's staff API, signed in at the dev Hub as this seeded user. */
  staff(email: string, module: ModuleName): Promise<StaffClient>;
  /** Another product's side of a flow: publishes its event through the real outbox, as that org. */
  publishAs(event: Parameters<typeof publish>[1], orgId?: string): Promise<EventEnvelope>;
  /** The transport delivers this envelope again, exactly as before (at-least-once delivery). */
  redeliver(envelope: EventEnvelope): Promise<void>;
  /**
   * Resolves once `group` has handled the event (its inbox row committed); without one, once every
   * running group subscribed to its type has (the tool layer's outbound webhooks handle every event,
   * often before the module a test is about).
   */
  handled(eventId: string, group?: string): Promise<void>;
  /** A real integration key `caller` → `target` for the org. */
  integrationKey(
    scopes: string[],
    options?: { orgId?: string; caller?: string; target?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

/** The module's consumer groups with this run's suffix: Kafka groups are shared by every process on a broker. */
export function isolated(module: SuiteModule, suffix: string, release: Release = (s) => s): ModuleUnderTest {
  const subscriptions = (module.subscriptions ?? []) as readonly Subscription[];
  return {
    ...module,
    subscriptions: subscriptions.map((subscription) =>
      release({ ...subscription, group: `${subscription.group}.${suffix}` }),
    ),
  };
}

export { eventually };

/**
 * The one suite fixture of module tests: a whole suite process running `modules` on the chosen bus
 * transport and its own test database, with the dev Hub for sign-in.
 */
export async function startTestSuite(options: TestSuiteOptions = {}): Promise<TestSuite> {
  const transport = options.transport ?? 'postgres';
  const brokers = transport === 'kafka' ? inject('kafkaBrokers') : '';
  if (transport === 'kafka' && !brokers) throw new Error(`no Kafka broker: ${inject('kafkaProblem')}`);
  const suffix = options.suffix ?? `t${randomBytes(4).toString('hex')}`;
  const received: BusEvent[] = [];
  const observe = options.observe ?? [];
  const observer =
    observe.length > 0
      ? defineSubscription({
          group: `observer.${suffix}`,
          types: observe,
          async handler(event) {
            received.push(event as BusEvent);
          },
        })
      : undefined;
  const modules = (options.modules ?? []).map((module, index) => {
    const running = isolated(module, suffix, options.release);
    // The observer rides with the first module: a suite runs subscriptions of modules only.
    return index === 0 && observer
      ? { ...running, subscriptions: [...running.subscriptions, observer] }
      : running;
  });
  const groups = modules.flatMap((module) => module.subscriptions);
  if (brokers)
    await startGroupsAtEnd(
      brokers.split(','),
      groups.map(({ group, types }) => ({
        group,
        topics: [...new Set((types as readonly EventDefinition[]).map((type) => type.topic))],
      })),
      PARTITIONS,
    );
  const database = options.database ?? (await createTestDatabase());
  await keepPublishedEvents(database.url);
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: '0',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    BUS_PARTITIONS: String(PARTITIONS),
    ...(brokers && { KAFKA_BROKERS: brokers }),
    ...options.env,
  });
  const log = options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const suite = await startSuite(config, log, modules).catch(async (error: unknown) => {
    if (!options.database) await database.drop();
    throw error;
  });
  // A bus of the test's own, only to hand envelopes to the transport again; made on first use, since
  // its connections count against the database's limit.
  let bus: Bus | undefined;
  const transportBus = () => {
    bus ??= createBus({
      db: database.db,
      databaseUrl: database.url,
      kafkaBrokers: brokers ? brokers.split(',') : undefined,
      partitions: PARTITIONS,
      log,
      tuning: TEST_TUNING,
    });
    return bus;
  };
  return {
    suite,
    database,
    modules,
    received,
    staff: (email, module) => signedInStaff(suite.url, email, module),
    publishAs: (event, orgId = NORTHWIND) =>
      forOrg(database.db.app, orgId).transaction((tx) => publish(tx, event)),
    redeliver: (envelope) => redelivery(transportBus(), database.url)(envelope),
    async handled(eventId, group) {
      const [published] = await publishedEvents(database.db, { id: eventId });
      const waitFor = group
        ? [group]
        : groups
            .filter(({ types }) => types.some((definition) => definition.type === published?.type))
            .map((subscription) => subscription.group);
      await eventually(`event ${eventId} handled by ${waitFor.join(', ') || 'a group'}`, async () => {
        const rows = await database.db.system.busInbox.findMany({
          where: { eventId, ...(waitFor.length > 0 && { groupName: { in: waitFor } }) },
          select: { groupName: true },
        });
        return rows.length >= Math.max(1, waitFor.length);
      });
    },
    async integrationKey(scopes, { orgId = NORTHWIND, caller = 'psa', target = 'crm' } = {}) {
      const tenant = forOrg(database.db.app, orgId);
      return (await createIntegrationKey(tenant, { caller, target, scopes, actor: 'test' })).key;
    },
    async close() {
      await bus?.close();
      await suite.close();
      if (!options.database) await database.drop();
    },
  };
}
