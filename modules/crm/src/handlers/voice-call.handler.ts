import { defineSubscription } from '@suite/bus';
import { voiceCallAttached, voiceCallEnded, voiceCallNoted, voiceRecordingReady } from '@suite/contracts';
import { addCallNote, addRecordingLink, logCall } from '../activity/call-activity.service';

/** Calls through Voice land on the contact's timeline; the recording link and later notes join the same entry. */
export const voiceCallSubscription = defineSubscription({
  group: 'crm.voice-sync.calls',
  types: [voiceCallEnded, voiceCallAttached, voiceRecordingReady, voiceCallNoted],
  handler: (event, { tx }) => {
    if (event.type === 'voice.recording.ready') return addRecordingLink(tx, event.data);
    if (event.type === 'voice.call.noted') return addCallNote(tx, event.data);
    return logCall(tx, event.data);
  },
});
