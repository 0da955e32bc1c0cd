import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { ModuleHttpRequest, SuiteModule } from '@suite/contracts';
import type { Database } from '@suite/db';
import { type HubAuth, INTEGRATION_KEY_HEADER, type IntegrationKeys } from '@suite/hub-auth';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Vendors post small bodies; a megabyte leaves room and refuses floods with 413. */
const BODY_LIMIT = 1024 * 1024;

function headersOf(req: FastifyRequest): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(req.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : value,
    ]),
  );
}

/** The URL the caller used, behind a proxy too: vendors (Twilio) sign the exact URL they called. */
function callerUrl(req: FastifyRequest): string {
  const first = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  const proto = first(req.headers['x-forwarded-proto']) ?? req.protocol;
  const host = first(req.headers['x-forwarded-host']) ?? req.host;
  return `${proto}://${host}${req.url}`;
}

export interface ModuleRouteDeps {
  readonly db: Database;
  readonly log: unknown;
  readonly hubAuth: HubAuth;
  readonly integrationKeys: IntegrationKeys;
}

/**
 * Mounts the modules' plain HTTP routes with the body kept as raw bytes (any content type), since
 * vendors sign exactly what they sent. A route asks for the Hub session or the integration key only
 * when it needs one, so a vendor's webhook costs no session lookup.
 */
export function registerModuleRoutes(
  app: FastifyInstance,
  modules: readonly SuiteModule[],
  { db, hubAuth, integrationKeys }: ModuleRouteDeps,
): void {
  const routes = modules.flatMap((module) => module.routes ?? []);
  if (routes.length === 0) return;
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    for (const route of routes)
      scope.route({
        method: route.method,
        url: route.path,
        handler: async (req, reply) => {
          const request: ModuleHttpRequest = {
            params: req.params as Record<string, string>,
            headers: headersOf(req),
            rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
            url: callerUrl(req),
            requestId: req.id,
          };
          const context = {
            db,
            log: req.log,
            session: () => hubAuth.resolveSession(req.headers.cookie),
            integration: () => integrationKeys.resolve(req.headers[INTEGRATION_KEY_HEADER]),
            integrations: integrationKeys.clients,
          };
          const answer = await route.handle(request, context as never);
          reply.status(answer.status).type(answer.contentType);
          if (answer.headers) reply.headers(answer.headers);
          return reply.send(
            typeof answer.body === 'string'
              ? answer.body
              : Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>),
          );
        },
      });
  });
}
