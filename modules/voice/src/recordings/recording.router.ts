import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { byRecordingId, recordingMedia } from './recording.schema';
import { openRecording } from './recording.service';

export const recordingRouter = router({
  open: staffProcedure
    .meta({ permission: 'voice.recordings.read' })
    .input(byRecordingId)
    .output(recordingMedia)
    .query(inTenant(openRecording)),
});
