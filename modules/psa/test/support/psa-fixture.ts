import { randomBytes } from 'node:crypto';
import { type BusEvent, defineSubscription, publish, type Subscription } from '@suite/bus';
import { startGroupsAtEnd } from '@suite/bus/testing';
import { type EventDefinition, psaEvents, type SuiteModule } from '@suite/contracts';
import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { DEV_HUB_SEED } from '@suite/hub-auth';
import { createLogger, loadConfig, type RunningSuite, startSuite } from '@suite/suite';
import { inject } from 'vitest';
import { psaModule } from '../../src';
import { type StaffClient, signedInStaff } from './staff-client';

export type TransportName = 'postgres' | 'kafka';
type PsaEvent = BusEvent<(typeof psaEvents)[number]>;
type CatalogEvent = Parameters<typeof publish>[1];

const PARTITIONS = 8;
export const NORTHWIND = DEV_HUB_SEED.orgs.find((org) => org.slug === 'northwind')?.id as string;

export interface PsaSuite {
  readonly suite: RunningSuite;
  readonly database: TestDatabase;
  /** PSA events as a consumer on the bus sees them (CRM's side, played by the test). */
  readonly received: PsaEvent[];
  /** Publishes a CRM contract event for Northwind through the real outbox, as CRM would. */
  publishAsCrm(event: CatalogEvent): Promise<string>;
  /** A module's staff API (PSA's unless told), signed in at the dev Hub as this seeded user. */
  staff(email: string, module?: 'psa' | 'crm'): Promise<StaffClient>;
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

function renamed<S extends Subscription>(subscription: S, prefix: string): S {
  return { ...subscription, group: `${prefix}.${subscription.group}` };
}

/** A release of PSA's subscriptions other than the shipped one, e.g. one with a bug. */
export type Release = (subscription: Subscription) => Subscription;

/**
 * The suite on its own test database running PSA (and `extraModules`, e.g. CRM) on the chosen bus
 * transport, with the dev Hub for sign-in. PSA's subscriptions run under this suite's own group names.
 */
export async function startPsaSuite(
  transport: TransportName,
  extraModules: readonly SuiteModule[] = [],
  release: Release = (subscription) => subscription,
): Promise<PsaSuite> {
  const brokers = transport === 'kafka' ? inject('kafkaBrokers') : '';
  if (transport === 'kafka' && !brokers) throw new Error(`no Kafka broker: ${inject('kafkaProblem')}`);
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const received: PsaEvent[] = [];
  const observer = defineSubscription({
    group: `${prefix}.observer`,
    types: psaEvents,
    async handler(event) {
      received.push(event as PsaEvent);
    },
  });
  const subscriptions = [
    ...psaModule.subscriptions.map((s) => release(renamed(s, prefix) as Subscription)),
    observer,
  ];
  if (brokers)
    await startGroupsAtEnd(
      brokers.split(','),
      subscriptions.map(({ group, types }) => ({
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
    LOG_LEVEL: 'silent',
    BUS_PARTITIONS: String(PARTITIONS),
    ...(brokers ? { KAFKA_BROKERS: brokers } : {}),
  });
  const modules = [{ ...psaModule, subscriptions }, ...extraModules];
  const suite = await startSuite(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), modules);
  return {
    suite,
    database,
    received,
    async publishAsCrm(event) {
      const envelope = await forOrg(database.db.app, NORTHWIND).transaction((tx) => publish(tx, event));
      return envelope.id;
    },
    staff(email, module = 'psa') {
      return signedInStaff(suite.url, email, module);
    },
    async close() {
      await suite.close();
      await database.drop();
    },
  };
}
