import { entityId } from '@suite/contracts';
import { z } from 'zod';

export const byRecordingId = z.object({ recordingId: entityId });

export const recordingMedia = z.object({
  url: z
    .string()
    .describe("Where the browser plays the media: the suite's audio stream, never the vendor's URL."),
  contentType: z.string(),
});

export type ByRecordingId = z.infer<typeof byRecordingId>;
export type RecordingMedia = z.infer<typeof recordingMedia>;
