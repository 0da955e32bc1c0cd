import { entityId, isDomainError, type ModuleHttpReply, type ModuleRoute } from '@suite/contracts';
import { type Database, forOrg } from '@suite/db';
import { type IntegrationClients, type SessionResolution, staffAccess } from '@suite/hub-auth';
import { fetchRecordingMedia } from '../tools/tools.client';
import { playableRecording } from './recording.service';

export interface AudioRouteContext {
  readonly db: Database;
  readonly integrations: IntegrationClients;
  session(): Promise<SessionResolution>;
}

const PASSED_HEADERS = ['content-length', 'content-range', 'accept-ranges'];

function json(status: number, code: string, message: string, requestId: string): ModuleHttpReply {
  return { status, contentType: 'application/json', body: JSON.stringify({ code, message, requestId }) };
}

/**
 * What the browser hears when the tool layer could not stream: a recording the vendor no longer has is
 * NOT_FOUND, a refused connection 424 (the org's Twilio connection needs fixing), a rate limit 429, and
 * anything else 503 (try again later); the tool layer's message says which.
 */
async function vendorRefusal(response: Response, requestId: string): Promise<ModuleHttpReply> {
  const { message } = (await response.json().catch(() => ({}))) as { message?: string };
  const said = message ? `: ${message}` : '';
  if (response.status === 404) return json(404, 'NOT_FOUND', `the recording is gone${said}`, requestId);
  if (response.status === 424 || response.status === 409)
    return json(424, 'VENDOR_CONNECTION', `the recording could not be fetched${said}`, requestId);
  if (response.status === 429)
    return json(429, 'RATE_LIMITED', `too many recordings at once${said}`, requestId);
  return json(
    503,
    'UNAVAILABLE',
    `the recording could not be fetched now; try again later${said}`,
    requestId,
  );
}

/**
 * `GET /voice/recordings/<id>/audio`: the staff's Hub session (cookie) with voice.recordings.read in the
 * active org, a recording of that org, then its audio streamed from the vendor through the tool layer.
 * The browser never sees the vendor's URL or credential; a `Range` is passed through for seeking.
 */
export const recordingAudioRoute: ModuleRoute = {
  method: 'GET',
  path: '/voice/recordings/:recordingId/audio',
  async handle(request, { db, integrations, session }: AudioRouteContext) {
    const { requestId } = request;
    const access = staffAccess(await session(), 'voice.recordings.read');
    if ('status' in access)
      return json(
        access.status,
        access.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN',
        access.message,
        requestId,
      );
    const recordingId = request.params.recordingId ?? '';
    const orgId = access.org.id;
    const notFound = json(404, 'NOT_FOUND', `recording ${recordingId} not found`, requestId);
    if (!entityId.safeParse(recordingId).success) return notFound;
    const recording = await forOrg(db.app, orgId)
      .transaction((tx) => playableRecording(tx, { recordingId }))
      .catch((error: unknown) => {
        if (isDomainError(error) && error.kind === 'not_found') return undefined;
        throw error;
      });
    if (!recording) return notFound;
    let media: Response;
    try {
      media = await fetchRecordingMedia(
        { integrations, orgId },
        recording.vendorRecordingId,
        request.headers.range,
      );
    } catch {
      return json(503, 'UNAVAILABLE', 'the tool layer could not be reached; try again later', requestId);
    }
    if (!(media.ok || media.status === 416) || !media.body) return vendorRefusal(media, requestId);
    const headers = Object.fromEntries(
      PASSED_HEADERS.flatMap((name) => {
        const value = media.headers.get(name);
        return value ? [[name, value]] : [];
      }),
    );
    return {
      status: media.status,
      contentType: 'audio/mpeg',
      // Staff audio: never kept by a shared cache.
      headers: { ...headers, 'cache-control': 'private, no-store' },
      body: media.body,
    };
  },
};
