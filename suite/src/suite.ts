import type { ModuleName, SuiteModule } from '@suite/contracts';
import type { Database } from '@suite/db';
import {
  type DevHubStarter,
  HubAuth,
  type IntegrationClients,
  IntegrationKeys,
  sealPlaintextSessionTokens,
} from '@suite/hub-auth';
import { configurePortalDns } from '@suite/portal';
import {
  configureVault,
  configureWebhookEndpoints,
  keyringNotice,
  sessionTokenSealer,
  startWebhookDispatcher,
  type WebhookDispatcher,
} from '@suite/tools';
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
  /** The origin staff reach it at: `PUBLIC_URL`, else `url`; what jobs build the suite's links on. */
  readonly publicUrl: string;
  readonly modules: readonly ModuleName[];
  readonly log: Logger;
  /** Typed clients for modules' integration APIs: this process's over loopback, others' at `<MODULE>_API_URL`. */
  readonly integrations: IntegrationClients;
  /** Drains HTTP, closes the database pools, stops the embedded database. Safe to call twice. */
  close(): Promise<void>;
}

/** Where this process reaches itself: calls between its own modules go over loopback HTTP. */
/** Sessions opened before Hub tokens were sealed get sealed once the migration that allows it is in. */
async function sealSessionTokens(db: Database, log: Logger): Promise<void> {
  try {
    const sealed = await sealPlaintextSessionTokens(db.system, sessionTokenSealer);
    if (sealed > 0) log.info({ sealed }, 'sealed the Hub tokens of older staff sessions');
  } catch (error) {
    // Without a usable VAULT_KEYS (said at start) they stay as they were; the bus and jobs start anyway.
    log.error(`older staff sessions keep plaintext Hub tokens: ${(error as Error).message}`);
  }
}

/** Where staff reach the suite: `localhost`, the bind address and `PUBLIC_URL`'s host; portals get every other. */
function staffHostsOf(config: SuiteConfig): ReadonlySet<string> {
  const hosts = ['localhost', config.HOST.toLowerCase()];
  if (config.PUBLIC_URL) hosts.push(new URL(config.PUBLIC_URL).hostname.toLowerCase());
  return new Set(hosts);
}

function loopbackUrl(host: string, port: number): string {
  if (host === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (host === '::') return `http://[::1]:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The dev Hub is a development dependency (`oidc-provider`): loaded only when a process has no
 * HUB_ISSUER_URL, so a production process neither imports nor installs it.
 */
const startDevHub: DevHubStarter = async (options) => {
  const devHub = await import('@suite/dev-hub').catch((error: Error) => {
    throw new Error(
      `HUB_ISSUER_URL is unset, so the suite runs the dev Hub, but @suite/dev-hub cannot be loaded (${error.message}); install the development dependencies or set HUB_ISSUER_URL`,
    );
  });
  return devHub.startDevHub(options);
};

/** The composition root: database, modules and HTTP wired into one process. */
export async function startSuite(
  config: SuiteConfig,
  log = createLogger(config.LOG_LEVEL),
  available: readonly SuiteModule[] = installedModules,
  /** Aborted (Ctrl-C during the start): what started so far stops again and the start rejects. */
  signal?: AbortSignal,
): Promise<RunningSuite> {
  const modules = selectModules(config.MODULES, available);
  const vault = keyringNotice(configureVault(config));
  configurePortalDns({ cnameTarget: config.PORTAL_CNAME_TARGET, servers: config.PORTAL_DNS_SERVERS });
  log[vault.level](vault.message);
  configureWebhookEndpoints({ production: config.NODE_ENV === 'production' });
  // What started, newest first: `close` and a failed or aborted start stop these in this order.
  const started: (() => Promise<void>)[] = [];
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      for (const stop of started) await stop();
      log.info('suite stopped');
    })();
    return closing;
  };
  const step = async <T>(work: () => Promise<T> | T, stop?: (value: T) => Promise<void>): Promise<T> => {
    try {
      signal?.throwIfAborted();
      const value = await work();
      if (stop) started.unshift(() => stop(value));
      signal?.throwIfAborted();
      return value;
    } catch (error) {
      await close();
      throw error;
    }
  };

  const database = await step(
    () => openDatabase(config, log, signal),
    (opened) => opened.close(),
  );
  const metrics = createMetrics();
  const bus = createSuiteBus(config, database, log, metrics.registry);
  const hubAuth = new HubAuth(database.db, log, {
    environment: config.NODE_ENV,
    issuerUrl: config.HUB_ISSUER_URL,
    startDevHub,
    clientId: config.HUB_CLIENT_ID,
    clientSecret: config.HUB_CLIENT_SECRET,
    publicUrl: config.PUBLIC_URL,
    devHubPort: config.HUB_DEV_PORT,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
    tokenSealer: sessionTokenSealer,
  });
  const integrationKeys = new IntegrationKeys(database.db, log, {
    localModules: modules.filter((module) => module.integrationRouter).map((module) => module.name),
    remoteModules: remoteModules(config),
  });
  const publicUrl = () => hubAuth.runtime().publicUrl;
  const scheduler = createJobScheduler(database.db, log, modules, {
    integrations: integrationKeys.clients,
    publicUrl,
  });
  let webhooks: WebhookDispatcher | undefined;
  const migrated = new StartWhenMigrated(database.url, log, async () => {
    await sealSessionTokens(database.db, log);
    await startBus(bus, modules, hubAuth.subscriptions());
    if (config.JOBS_ENABLED) scheduler.start();
    if (modules.some((module) => module.name === 'tools'))
      webhooks = startWebhookDispatcher(database.db, {
        onError: (err) => log.error({ err }, 'outbound webhook delivery round failed'),
      });
  });
  started.unshift(
    async () => {
      await migrated.stop();
      await webhooks?.stop();
      await scheduler.stop();
      await bus.close();
    },
    () => hubAuth.close(),
    () => integrationKeys.close(),
  );
  const server = buildServer({
    db: database.db,
    databaseUrl: database.url,
    log,
    metrics,
    modules,
    hubAuth,
    integrationKeys,
    bus: { kafkaBrokers: config.KAFKA_BROKERS, partitions: config.BUS_PARTITIONS },
    mcp: { enabled: config.MCP_ENABLED, resourceUrl: config.MCP_RESOURCE_URL },
    staffHosts: staffHostsOf(config),
  });
  await step(
    () =>
      server.listen({ port: config.PORT, host: config.HOST }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE') throw error;
        throw new Error(
          `PORT=${config.PORT}: already in use on ${config.HOST}; stop the other process or set PORT`,
        );
      }),
    () => server.close(),
  );
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  // Hub sign-in needs the suite's own URL (redirect URIs), which PORT=0 only gives once it listens.
  const hub = await step(() => hubAuth.start(url));
  integrationKeys.start(loopbackUrl(config.HOST, port));

  await step(() => migrated.start());
  log.info({ url, hubIssuer: hub.issuer, modules: modules.map((module) => module.name) }, 'suite started');
  return {
    url,
    modules: modules.map((module) => module.name),
    log,
    publicUrl: publicUrl(),
    integrations: integrationKeys.clients,
    close,
  };
}
