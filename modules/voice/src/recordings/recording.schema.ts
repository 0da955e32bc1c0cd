import { entityId } from '@suite/contracts';
import { z } from 'zod';

export const byRecordingId = z.object({ recordingId: entityId });

export const recordingMedia = z.object({
  url: z
    .string()
    .describe("Where the browser fetches the media: the vendor's media URL, without credentials."),
  contentType: z.string(),
});

export type ByRecordingId = z.infer<typeof byRecordingId>;
export type RecordingMedia = z.infer<typeof recordingMedia>;
