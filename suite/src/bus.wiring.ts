import { type Bus, createBus, type Subscription } from '@suite/bus';
import type { SuiteModule } from '@suite/contracts';
import { type Database, pendingMigrations } from '@suite/db';
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
  for (const subscription of platform) await bus.subscribe(subscription);
  for (const module of modules) {
    for (const subscription of module.subscriptions ?? []) await bus.subscribe(subscription);
  }
}

/**
 * Starts the bus once the database is migrated. Without its tables the bus cannot subscribe, so a
 * process started on pending migrations serves (with /readyz naming them) and checks again every few
 * seconds: `suite migrate` from another shell brings the bus up without a restart.
 */
export class BusStarter {
  private timer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
    private readonly startBus: () => Promise<void>,
    private readonly recheckMs = 2000,
  ) {}

  /** Starts the bus now if the database is migrated (its errors reach the caller), else waits for it. */
  async start(): Promise<void> {
    const pending = await pendingMigrations(this.databaseUrl);
    if (pending.length === 0) return this.startBus();
    this.log.warn({ pending }, 'bus waiting: the database has pending migrations; run `suite migrate`');
    this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.starting = this.startOnceMigrated();
    }, this.recheckMs);
  }

  private async startOnceMigrated(): Promise<void> {
    const pending = await pendingMigrations(this.databaseUrl).catch((error: unknown) => {
      this.log.warn({ err: error }, 'bus waiting: cannot read the migrations; checking again');
      return undefined;
    });
    if (this.stopped) return;
    if (pending === undefined || pending.length > 0) return this.schedule();
    await this.startBus().then(
      () => this.log.info('bus started: the database is migrated'),
      // Half-started subscriptions cannot be retried in place; the process serves on without a bus.
      (error: unknown) => this.log.error({ err: error }, 'bus failed to start; restart the process'),
    );
  }

  /** Cancels the wait and lets a start in flight finish, so the caller can then close the bus. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.starting;
  }
}
