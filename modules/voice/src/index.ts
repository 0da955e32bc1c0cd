import { defineModule } from '@suite/contracts';
import { erasePerson } from './erasure/person-erasure.service';
import { callStatusSubscription } from './handlers/call-status.handler';
import { recordingCompletedSubscription } from './handlers/recording-completed.handler';
import { crmCallLogJob } from './jobs/crm-call-log.job';
import { recordingRetentionJob } from './jobs/recording-retention.job';
import { recordingAudioRoute } from './recordings/recording-audio.route';
import { voiceAppRouter } from './router';

/** Voice: calls from the org's telephony vendor, matched to CRM contacts, with their recordings. */
export const voiceModule = defineModule({
  name: 'voice',
  appRouter: voiceAppRouter,
  subscriptions: [callStatusSubscription, recordingCompletedSubscription],
  jobs: [recordingRetentionJob, crmCallLogJob],
  routes: [recordingAudioRoute],
  erasure: { erasePerson },
});
