import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { inRequestTrace } from '@suite/bus';
import type { SuiteModule } from '@suite/contracts';
import type { Database } from '@suite/db';
import { type HubAuth, type IntegrationKeys, registerAuthRoutes } from '@suite/hub-auth';
import type { AnyTRPCRouter, TRPCError } from '@trpc/server';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Logger } from '../logger';
import { registerMcp } from '../mcp/mcp.routes';
import type { SuiteMetrics } from '../metrics';
import { type ConsoleDeps, registerConsole } from './console.routes';
import { registerHealthRoutes } from './health.routes';
import { clientErrorOf } from './http-error';
import { registerModuleRoutes } from './module.routes';
import { registerPortal, runsPortal } from './portal.routes';
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
  /** MCP_ENABLED and MCP_RESOURCE_URL. */
  readonly mcp: { readonly enabled: boolean; readonly resourceUrl: string | undefined };
  /** Host names of the staff suite; with the portal module every other host is a portal's. */
  readonly staffHosts: ReadonlySet<string>;
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
  mcp,
  staffHosts,
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

  // Events a request publishes carry its trace without each service passing it on. Body parsing runs
  // in the socket's async context, so the request's context is entered again before validation.
  const traceScopes = new WeakMap<FastifyRequest, AsyncResource>();
  app.addHook('onRequest', (req, _reply, done) => {
    const given = req.headers.traceparent;
    inRequestTrace(typeof given === 'string' ? given : undefined, () => {
      traceScopes.set(req, new AsyncResource('suite-request'));
      done();
    });
  });
  app.addHook('preValidation', (req, _reply, done) => {
    const scope = traceScopes.get(req);
    if (scope) scope.runInAsyncScope(done);
    else done();
  });

  // What a client sees of an error outside tRPC, in every NODE_ENV: a code, a message and the request
  // id; an unexpected error's internals go to the log under that id.
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const known = clientErrorOf(error);
    if (known) {
      const { status, ...body } = known;
      return reply.status(status).send({ ...body, requestId: req.id });
    }
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    const message =
      status >= 500
        ? `internal error; the operator finds it in the log under request id ${req.id}`
        : error.message;
    return reply.status(status).send({ code: error.code ?? `HTTP_${status}`, message, requestId: req.id });
  });

  const createContext = contextFactory(db, hubAuth, integrationKeys);
  // First: a portal host must reach nothing of the staff suite, probes included.
  if (runsPortal(modules))
    registerPortal(app, {
      db,
      integrations: integrationKeys.clients,
      staffHosts,
      mount: (prefix, router) => mountRouter(app, prefix, router, createContext),
    });
  registerHealthRoutes(app, { db, databaseUrl, metrics });
  registerAuthRoutes(app, hubAuth);
  for (const module of modules) {
    if (module.appRouter) mountRouter(app, `/${module.name}/trpc`, module.appRouter, createContext);
    if (module.integrationRouter)
      mountRouter(app, `/${module.name}/integration`, module.integrationRouter, createContext);
  }
  registerModuleRoutes(app, modules, { db, log, hubAuth, integrationKeys });
  if (mcp.enabled) registerMcp(app, { db, hubAuth, integrationKeys, modules, resourceUrl: mcp.resourceUrl });
  registerConsole(app, {
    databaseUrl,
    log,
    bus,
    mount: (prefix, router) => mountRouter(app, prefix, router, createContext),
  });
  return app;
}
