import type { Database, OrgScope } from '@suite/db';
import type { FastifyBaseLogger } from 'fastify';
import type { IntegrationClients } from '../integration-keys/integration-client.factory';
import type { IntegrationKeyResolution } from '../integration-keys/integration-key.verifier';
import type { SessionResolution } from '../session/signed-in-staff';

/**
 * What every tRPC procedure starts from, built by the suite per request. `staffProcedure` narrows it to
 * a signed-in staff member; `integrationProcedure` narrows it to the org and caller of its
 * `X-Integration-Key` header instead.
 */
export interface RequestContext {
  readonly db: Database;
  readonly log: FastifyBaseLogger;
  readonly requestId: string;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The caller's address as the HTTP layer sees it (evidence such as the portal's signature trail). */
  readonly ip?: string;
  /** The Hub session behind the request's cookie. */
  readonly session: SessionResolution;
  /** The caller behind the request's `X-Integration-Key` header. */
  readonly integration: IntegrationKeyResolution;
  /** Typed clients for calling other modules' integration APIs on behalf of an org. */
  readonly integrations: IntegrationClients;
  /**
   * Set by an in-process caller already holding a transaction of the org (see `withinTransaction`):
   * tenant procedures of that org run in it instead of opening their own.
   */
  readonly tenant?: OrgScope;
}
