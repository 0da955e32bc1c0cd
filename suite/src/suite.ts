import type { ModuleName, SuiteModule } from '@suite/contracts';
import { HubAuth, type IntegrationClients, IntegrationKeys } from '@suite/hub-auth';
import type { JobScheduler } from '@suite/jobs';
import { createSuiteBus, startBus } from './bus.wiring';
import { openDatabase } from './database';
import { remoteModules, type SuiteConfig } from './env';
import { buildServer } from './http/server';
import { createJobScheduler } from './jobs.wiring';
import { createLogger, type Logger } from './logger';
import { createMetrics } from './metrics';
import { installedModules, selectModules } from './module-registry';
import { StartWhenMigrated } from './start-when-migrated';

export interface RunningSuite {
  /** Base URL the HTTP server listens on. */
  readonly url: string;
  readonly modules: readonly ModuleName[];
  readonly log: Logger;
  /** Typed clients for modules' integration APIs: this process's over loopback, others' at `<MODULE>_API_URL`. */
  readonly integrations: IntegrationClients;
  /** Drains HTTP, closes the database pools, stops the embedded database. Safe to call twice. */
  close(): Promise<void>;
}

/** Where this process reaches itself: calls between its own modules go over loopback HTTP. */
function loopbackUrl(host: string, port: number): string {
  if (host === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (host === '::') return `http://[::1]:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The composition root: database, modules and HTTP wired into one process. */
export async function startSuite(
  config: SuiteConfig,
  log = createLogger(config.LOG_LEVEL),
  available: readonly SuiteModule[] = installedModules,
): Promise<RunningSuite> {
  const modules = selectModules(config.MODULES, available);
  const database = await openDatabase(config, log);
  let scheduler: JobScheduler;
  try {
    scheduler = createJobScheduler(database.db, log, modules);
  } catch (error) {
    await database.close();
    throw error;
  }
  const metrics = createMetrics();
  const bus = createSuiteBus(config, database, log, metrics.registry);
  const hubAuth = new HubAuth(database.db, log, {
    environment: config.NODE_ENV,
    issuerUrl: config.HUB_ISSUER_URL,
    clientId: config.HUB_CLIENT_ID,
    clientSecret: config.HUB_CLIENT_SECRET,
    publicUrl: config.PUBLIC_URL,
    devHubPort: config.HUB_DEV_PORT,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
  });
  const integrationKeys = new IntegrationKeys(database.db, log, {
    localModules: modules.filter((module) => module.integrationRouter).map((module) => module.name),
    remoteModules: remoteModules(config),
  });
  const server = buildServer({
    db: database.db,
    databaseUrl: database.url,
    log,
    metrics,
    modules,
    hubAuth,
    integrationKeys,
    bus: { kafkaBrokers: config.KAFKA_BROKERS, partitions: config.BUS_PARTITIONS },
  });
  try {
    await server.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    await database.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `PORT=${config.PORT}: already in use on ${config.HOST}; stop the other process or set PORT`,
      );
    }
    throw error;
  }
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  // Hub sign-in needs the suite's own URL (redirect URIs), which PORT=0 only gives once it listens.
  const hub = await hubAuth.start(url).catch(async (error: unknown) => {
    await server.close();
    await hubAuth.close();
    await database.close();
    throw error;
  });
  integrationKeys.start(loopbackUrl(config.HOST, port));

  const migrated = new StartWhenMigrated(database.url, log, async () => {
    await startBus(bus, modules, hubAuth.subscriptions());
    if (config.JOBS_ENABLED) scheduler.start();
  });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await server.close();
      await migrated.stop();
      await scheduler.stop();
      await bus.close();
      await hubAuth.close();
      await integrationKeys.close();
      await database.close();
      log.info('suite stopped');
    })();
    return closing;
  };
  await migrated.start().catch(async (error: unknown) => {
    await close();
    throw error;
  });
  log.info({ url, hubIssuer: hub.issuer, modules: modules.map((module) => module.name) }, 'suite started');
  return {
    url,
    modules: modules.map((module) => module.name),
    log,
    integrations: integrationKeys.clients,
    close,
  };
}
