import { vendorMediaRoute } from './vendor-media.route';

/**
 * `GET /tools/media/recordings/<vendor recording id>` (scope `tools:media.recordings`): the recording's
 * audio streamed from the org's voice vendor, `Range` passed on for seeking. Voice's staff link is the
 * only caller.
 */
export const recordingMediaRoute = vendorMediaRoute({
  path: '/tools/media/recordings/:recordingId',
  scope: 'tools:media.recordings',
  tool: 'recording_media',
  badId: 'recordingId: expected the vendor recording id',
  input: (request) => ({ recording_id: request.params.recordingId }),
  extra: (request) => ({ range: request.headers.range }),
});
