/** The suite's own link to a recording (a console page): it checks voice.recordings.read and the org. */
export function recordingPath(recordingId: string): string {
  return `/voice/recordings/${recordingId}`;
}

/** The recording's audio, streamed by the suite after the same checks; what the page's `<audio>` plays. */
export function recordingAudioPath(recordingId: string): string {
  return `${recordingPath(recordingId)}/audio`;
}
