import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import {
  byCallId,
  callAttachInput,
  callListInput,
  callMatchView,
  callNoteInput,
  callPage,
  callPlaceInput,
  callView,
} from './call.schema';
import { getCall, listCalls, noteCall } from './call.service';
import { attachCall, matchCall } from './call-match.service';
import { placeCall } from './click-to-call.service';

const read = staffProcedure.meta({ permission: 'voice.calls.read' });
const write = staffProcedure.meta({ permission: 'voice.calls.write' });

export const callRouter = router({
  list: read.input(callListInput).output(callPage).query(inTenant(listCalls)),
  get: read.input(byCallId).output(callView).query(inTenant(getCall)),
  match: write.input(byCallId).output(callMatchView).mutation(inTenant(matchCall)),
  attach: write.input(callAttachInput).output(callView).mutation(inTenant(attachCall)),
  note: write.input(callNoteInput).output(callView).mutation(inTenant(noteCall)),
  place: staffProcedure
    .meta({ permission: 'voice.calls.make' })
    .input(callPlaceInput)
    .output(callView)
    .mutation(inTenant(placeCall)),
});
