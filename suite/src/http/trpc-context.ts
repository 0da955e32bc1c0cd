import type { Database } from '@suite/db';
import {
  type HubAuth,
  INTEGRATION_KEY_HEADER,
  type IntegrationKeys,
  type RequestContext,
} from '@suite/hub-auth';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';

/**
 * Builds hub-auth's request context: the staff session comes from the request's cookie, the calling
 * product from its `X-Integration-Key` header.
 */
export function contextFactory(db: Database, hubAuth: HubAuth, integrationKeys: IntegrationKeys) {
  return async ({ req }: CreateFastifyContextOptions): Promise<RequestContext> => ({
    db,
    log: req.log,
    requestId: req.id,
    headers: req.headers,
    ip: req.ip,
    session: await hubAuth.resolveSession(req.headers.cookie),
    integration: await integrationKeys.resolve(req.headers[INTEGRATION_KEY_HEADER]),
    integrations: integrationKeys.clients,
  });
}
