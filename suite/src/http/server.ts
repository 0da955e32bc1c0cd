import { randomUUID } from 'node:crypto';
import type { SuiteModule } from '@suite/contracts';
import type { Database } from '@suite/db';
import { type HubAuth, type IntegrationKeys, registerAuthRoutes } from '@suite/hub-auth';
import type { AnyTRPCRouter, TRPCError } from '@trpc/server';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from '../logger';
import type { SuiteMetrics } from '../metrics';
import { type ConsoleDeps, registerConsole } from './console.routes';
import { registerHealthRoutes } from './health.routes';
import { contextFactory } from './trpc-context';

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

export interface ServerDeps {
  readonly db: Database;
  readonly databaseUrl: string;
  readonly log: Logger;
  readonly metrics: SuiteMetrics;
  readonly modules: readonly SuiteModule[];
  readonly hubAuth: HubAuth;
  readonly integrationKeys: IntegrationKeys;
  readonly bus: ConsoleDeps['bus'];
}

function mountRouter(
  app: FastifyInstance,
  prefix: string,
  router: AnyTRPCRouter,
  createContext: ReturnType<typeof contextFactory>,
): void {
  app.register(fastifyTRPCPlugin, {
    prefix,
    trpcOptions: {
      router,
      createContext,
      onError({ error, path, ctx }: { error: TRPCError; path?: string; ctx?: { log: FastifyBaseLogger } }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          ctx?.log.error({ err: error, path }, 'tRPC procedure failed');
      },
    },
  });
}

export function buildServer({
  db,
  databaseUrl,
  log,
  metrics,
  modules,
  hubAuth,
  integrationKeys,
  bus,
}: ServerDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && given.length <= 128 ? given : randomUUID();
    },
    // Probes and scrapes every few seconds would drown the request log.
    logController: new LogController({ disableRequestLogging: (req) => PROBES.has(req.url) }),
    return503OnClosing: true,
  });

  // Labelled by route pattern, not raw URL, so callers cannot blow up the series count.
  app.addHook('onResponse', async (req, reply) => {
    const labels = {
      method: req.method,
      route: req.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });

  registerHealthRoutes(app, { db, databaseUrl, metrics });
  registerAuthRoutes(app, hubAuth);
  const createContext = contextFactory(db, hubAuth, integrationKeys);
  for (const module of modules) {
    if (module.appRouter) mountRouter(app, `/${module.name}/trpc`, module.appRouter, createContext);
    if (module.integrationRouter)
      mountRouter(app, `/${module.name}/integration`, module.integrationRouter, createContext);
  }
  registerConsole(app, {
    databaseUrl,
    log,
    bus,
    mount: (prefix, router) => mountRouter(app, prefix, router, createContext),
  });
  return app;
}
