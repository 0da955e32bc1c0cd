import { defineSubscription } from '@suite/bus';
import { toolsRunCompleted } from '@suite/contracts';
import { noteAddendumSent } from '../addenda/vendor-addendum.service';

/** The tool layer ran the portal's `send_contract` for an addendum: the share learns its vendor. */
export const runCompletedSubscription = defineSubscription({
  group: 'portal.tools-sync.run-completed',
  types: [toolsRunCompleted],
  async handler(event, { tx, log }) {
    if (event.data.requestedBy !== 'portal') return;
    const outcome = await noteAddendumSent(tx, event.data);
    log.info({ requestId: event.data.requestId, outcome }, 'tool run for the portal completed');
  },
});
