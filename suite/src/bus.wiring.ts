import { type Bus, createBus, type Subscription } from '@suite/bus';
import type { SuiteModule } from '@suite/contracts';
import type { Database } from '@suite/db';
import type { Registry } from 'prom-client';
import type { SuiteConfig } from './env';
import type { Logger } from './logger';

/** The bus on the suite's database: Kafka when KAFKA_BROKERS is set, the PostgreSQL log otherwise. */
export function createSuiteBus(
  config: SuiteConfig,
  database: { db: Database; url: string },
  log: Logger,
  registry: Registry,
): Bus {
  return createBus({
    db: database.db,
    databaseUrl: database.url,
    kafkaBrokers: config.KAFKA_BROKERS,
    partitions: config.BUS_PARTITIONS,
    log,
    registry,
  });
}

/**
 * Every process runs a relay (one is active, the others stand by), the platform's own subscriptions
 * (Hub SSO's user directory) and its modules' subscriptions.
 */
export async function startBus(
  bus: Bus,
  modules: readonly SuiteModule[],
  platform: readonly Subscription[],
): Promise<void> {
  bus.startRelay();
  // In parallel: a Kafka group join can wait out a dead member's session, and groups do not wait on each other.
  const subscriptions = [...platform, ...modules.flatMap((module) => module.subscriptions ?? [])];
  await Promise.all(subscriptions.map((subscription) => bus.subscribe(subscription)));
}
