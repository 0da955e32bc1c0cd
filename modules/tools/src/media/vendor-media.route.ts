import type { ModuleHttpReply, ModuleHttpRequest, ModuleRoute } from '@suite/contracts';
import { type Database, forOrg } from '@suite/db';
import { type IntegrationKeyResolution, type IntegrationScope, scopeAllows } from '@suite/hub-auth';
import type { VendorError } from '../providers/vendor-error';
import { MEDIA_CATALOG, type MediaInput, type MediaName } from '../tools/tool-catalog';
import { openVendorMedia } from './vendor-media.service';

export interface MediaRouteContext {
  readonly db: Database;
  integration(): Promise<IntegrationKeyResolution>;
}

/**
 * 424: the org's vendor connection failed the suite (its credential was refused); 503: the vendor is not
 * answering; neither is a fault of the suite, so neither is a 5xx of its own making.
 */
const STATUS = { auth: 424, unavailable: 503, rate_limited: 429, rejected: 404 } as const;

function json(
  status: number,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
): ModuleHttpReply {
  return { status, contentType: 'application/json', body: JSON.stringify(body), ...(headers && { headers }) };
}

function refused(error: VendorError, requestId: string): ModuleHttpReply {
  const retry = error.details.retryAfterSeconds;
  return json(
    STATUS[error.failure],
    { code: error.failure.toUpperCase(), message: error.message, requestId },
    retry ? { 'retry-after': String(retry) } : undefined,
  );
}

interface MediaRouteSpec<T extends MediaName> {
  readonly path: string;
  readonly scope: IntegrationScope;
  readonly tool: T;
  /** The 400's message when the path's id is not one the vendor could have given. */
  readonly badId: string;
  input(request: ModuleHttpRequest): unknown;
  /** What the vendor gets besides the parsed input (a recording's `Range`). */
  extra?(request: ModuleHttpRequest): Partial<MediaInput<T>>;
}

/**
 * A `GET` with a product's `X-Integration-Key` (the spec's scope) streaming a vendor's media with the
 * vault's credential, which never leaves the tool layer.
 */
export function vendorMediaRoute<T extends MediaName>(spec: MediaRouteSpec<T>): ModuleRoute {
  return {
    method: 'GET',
    path: spec.path,
    async handle(request, { db, integration }: MediaRouteContext) {
      const { requestId } = request;
      const caller = await integration();
      if (caller.status === 'refused')
        return json(401, { code: 'UNAUTHORIZED', message: caller.reason, requestId });
      const { key } = caller;
      if (!scopeAllows(key.scopes, spec.scope))
        return json(403, {
          code: 'FORBIDDEN',
          message: `integration key ${key.prefix} (${key.caller} → ${key.target}) lacks scope ${spec.scope}`,
          requestId,
        });
      const input = MEDIA_CATALOG[spec.tool].input.safeParse(spec.input(request));
      if (!input.success) return json(400, { code: 'BAD_REQUEST', message: spec.badId, requestId });
      const outcome = await forOrg(db.app, key.orgId).transaction((tx) =>
        openVendorMedia(tx, {
          tool: spec.tool,
          input: { ...input.data, ...spec.extra?.(request) } as MediaInput<T>,
          caller: key.caller,
          requestId,
        }),
      );
      if (!outcome.opened) return refused(outcome.error, requestId);
      const { media } = outcome;
      return {
        status: media.status,
        contentType: media.contentType,
        headers: media.headers,
        body: media.body,
      };
    },
  };
}
