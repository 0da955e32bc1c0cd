import type { ModuleHttpReply, ModuleRoute } from '@suite/contracts';
import { type Database, forOrg } from '@suite/db';
import { type IntegrationKeyResolution, type IntegrationScope, scopeAllows } from '@suite/hub-auth';
import type { VendorError } from '../providers/vendor-error';
import { MEDIA_CATALOG } from '../tools/tool-catalog';
import { openVendorMedia } from './vendor-media.service';

export interface MediaRouteContext {
  readonly db: Database;
  integration(): Promise<IntegrationKeyResolution>;
}

const SCOPE: IntegrationScope = 'tools:media.recordings';

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

/**
 * `GET /tools/media/recordings/<vendor recording id>` with a product's `X-Integration-Key` (scope
 * `tools:media.recordings`): the recording's audio streamed from the org's voice vendor with the vault's
 * credential, which never leaves the tool layer. Voice's staff link is the only caller.
 */
export const recordingMediaRoute: ModuleRoute = {
  method: 'GET',
  path: '/tools/media/recordings/:recordingId',
  async handle(request, { db, integration }: MediaRouteContext) {
    const { requestId } = request;
    const caller = await integration();
    if (caller.status === 'refused')
      return json(401, { code: 'UNAUTHORIZED', message: caller.reason, requestId });
    const { key } = caller;
    if (!scopeAllows(key.scopes, SCOPE))
      return json(403, {
        code: 'FORBIDDEN',
        message: `integration key ${key.prefix} (${key.caller} → ${key.target}) lacks scope ${SCOPE}`,
        requestId,
      });
    const input = MEDIA_CATALOG.recording_media.input.safeParse({ recording_id: request.params.recordingId });
    if (!input.success)
      return json(400, {
        code: 'BAD_REQUEST',
        message: 'recordingId: expected the vendor recording id',
        requestId,
      });
    const outcome = await forOrg(db.app, key.orgId).transaction((tx) =>
      openVendorMedia(tx, {
        tool: 'recording_media',
        input: { recording_id: input.data.recording_id, range: request.headers.range },
        caller: key.caller,
        requestId,
      }),
    );
    if (!outcome.opened) return refused(outcome.error, requestId);
    const { media } = outcome;
    return { status: media.status, contentType: media.contentType, headers: media.headers, body: media.body };
  },
};
