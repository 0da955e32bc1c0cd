import { defineSubscription } from '@suite/bus';
import { toolsCallStatusChanged } from '@suite/contracts';
import { applyCallStatus } from '../calls/call.service';

/** The telephony vendor's status callbacks, normalised by the tool layer, move calls forward. */
export const callStatusSubscription = defineSubscription({
  group: 'voice.tools-sync.call-status',
  types: [toolsCallStatusChanged],
  handler: (event, { tx, trace }) => applyCallStatus(tx, event.data, { traceparent: trace.traceparent }),
});
