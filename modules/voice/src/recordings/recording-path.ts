/** The suite's own link to a recording: it checks voice.recordings.read and the org before the media. */
export function recordingPath(recordingId: string): string {
  return `/voice/recordings/${recordingId}`;
}
