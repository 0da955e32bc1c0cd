import { defineSubscription } from '@suite/bus';
import { voiceCallAttached, voiceCallEnded, voiceRecordingReady } from '@suite/contracts';
import { addRecordingLink, logCall } from '../activity/call-activity.service';

/** Calls through Voice land on the contact's timeline; the recording link joins the same entry. */
export const voiceCallSubscription = defineSubscription({
  group: 'crm.voice-sync.calls',
  types: [voiceCallEnded, voiceCallAttached, voiceRecordingReady],
  handler: (event, { tx }) =>
    event.type === 'voice.recording.ready' ? addRecordingLink(tx, event.data) : logCall(tx, event.data),
});
