import { defineSubscription } from '@suite/bus';
import { toolsCallRecordingCompleted } from '@suite/contracts';
import { applyRecording } from '../recordings/recording.service';

/** The telephony vendor's recording callbacks: kept when the org records calls. */
export const recordingCompletedSubscription = defineSubscription({
  group: 'voice.tools-sync.recording',
  types: [toolsCallRecordingCompleted],
  handler: (event, { tx, trace }) => applyRecording(tx, event.data, { traceparent: trace.traceparent }),
});
