import type { ModuleHttpRequest, SuiteModule } from '@suite/contracts';
import type { Database } from '@suite/db';
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

/**
 * Mounts the modules' plain HTTP routes with the body kept as raw bytes (any content type), since
 * vendors sign exactly what they sent.
 */
export function registerModuleRoutes(
  app: FastifyInstance,
  modules: readonly SuiteModule[],
  context: { readonly db: Database; readonly log: unknown },
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
          const answer = await route.handle(request, { ...context, log: req.log } as never);
          return reply.status(answer.status).type(answer.contentType).send(answer.body);
        },
      });
  });
}
